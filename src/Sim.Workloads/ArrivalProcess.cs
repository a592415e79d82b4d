using System.Collections.Immutable;
using System.Globalization;

namespace Sim.Workloads;

/// <summary>
/// When a workload's items arrive: a stochastic point process or a fixed schedule. <see cref="Start"/>
/// returns a stream of arrival times (offsets from the workload's start), each drawn from the
/// given generator only.
/// </summary>
public abstract record ArrivalProcess
{
    /// <summary>A homogeneous Poisson process: exponential gaps with mean 1 / <paramref name="ratePerSecond"/>.</summary>
    public static ArrivalProcess Poisson(double ratePerSecond) =>
        ratePerSecond > 0 ? new PoissonProcess(ratePerSecond) : throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "rate must be positive");

    /// <summary>
    /// A Markov-modulated Poisson process (bursty arrivals): state i emits arrivals at
    /// <paramref name="ratesPerSecond"/>[i] and lasts an exponential time with mean
    /// <paramref name="meanSojourn"/>[i]; states follow each other in a cycle, starting at state 0.
    /// </summary>
    public static ArrivalProcess Mmpp(IReadOnlyList<double> ratesPerSecond, IReadOnlyList<TimeSpan> meanSojourn)
    {
        ArgumentNullException.ThrowIfNull(ratesPerSecond);
        ArgumentNullException.ThrowIfNull(meanSojourn);
        if (ratesPerSecond.Count < 1 || ratesPerSecond.Count != meanSojourn.Count)
        {
            throw new ArgumentException("an MMPP needs one rate and one mean sojourn per state", nameof(meanSojourn));
        }

        if (ratesPerSecond.Any(r => !(r >= 0)) || meanSojourn.Any(s => s <= TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(ratesPerSecond), "rates must not be negative and sojourns must be positive");
        }

        return new MmppProcess([.. ratesPerSecond], [.. meanSojourn]);
    }

    /// <summary>
    /// A non-homogeneous Poisson process with a daily (or any <paramref name="period"/>) cycle:
    /// rate(t) = mean × (1 + amplitude × cos(2π (t − peakAt) / period)), drawn by thinning.
    /// </summary>
    public static ArrivalProcess Diurnal(double meanRatePerSecond, double amplitude, TimeSpan period, TimeSpan peakAt)
    {
        if (!(meanRatePerSecond > 0) || !(amplitude >= 0 && amplitude <= 1) || period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amplitude), "the mean rate and period must be positive and the amplitude within [0, 1]");
        }

        return new DiurnalProcess(meanRatePerSecond, amplitude, period, peakAt);
    }

    /// <summary>Arrivals at exactly the given offsets (sorted ascending; repeats allowed).</summary>
    public static ArrivalProcess Fixed(IEnumerable<TimeSpan> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.ToImmutableArray();
        if (sorted.Any(t => t < TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(times), "arrival times must not be negative");
        }

        return new FixedProcess(sorted.Sort());
    }

    /// <summary>All arrivals at once, at the workload's start.</summary>
    public static ArrivalProcess AtStart { get; } = new AtStartProcess();

    /// <summary>True when the process ends by itself (a fixed schedule); the others go on until a workload's count or stop.</summary>
    public virtual bool Ends => false;

    /// <summary>Starts a stream of arrival offsets drawn from <paramref name="random"/>.</summary>
    public abstract IArrivals Start(Random random);

    /// <summary>A short description.</summary>
    public abstract override string ToString();

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static double ExpSample(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private sealed record PoissonProcess(double Rate) : ArrivalProcess
    {
        public override IArrivals Start(Random random) => new Stream(this, random);

        public override string ToString() => $"poisson(rate={F(Rate)}/s)";

        private sealed class Stream(PoissonProcess process, Random random) : IArrivals
        {
            private double _t;

            public TimeSpan? NextArrival()
            {
                _t += ExpSample(random, process.Rate);
                return Seconds(_t);
            }
        }
    }

    private sealed record MmppProcess(ImmutableArray<double> Rates, ImmutableArray<TimeSpan> Sojourns) : ArrivalProcess
    {
        public override IArrivals Start(Random random) => new Stream(this, random);

        public override string ToString() =>
            $"mmpp(rates=[{string.Join(", ", Rates.Select(F))}]/s, sojourns=[{string.Join(", ", Sojourns.Select(s => F(s.TotalSeconds)))}] s)";

        private sealed class Stream : IArrivals
        {
            private readonly MmppProcess _process;
            private readonly Random _random;
            private int _state;
            private double _t;
            private double _stateEnds;

            public Stream(MmppProcess process, Random random)
            {
                _process = process;
                _random = random;
                _stateEnds = ExpSample(random, 1 / process.Sojourns[0].TotalSeconds);
            }

            public TimeSpan? NextArrival()
            {
                while (true)
                {
                    var rate = _process.Rates[_state];
                    var candidate = rate > 0 ? _t + ExpSample(_random, rate) : double.PositiveInfinity;
                    if (candidate < _stateEnds)
                    {
                        _t = candidate;
                        return Seconds(_t);
                    }

                    // Memoryless: restart the clock at the state change.
                    _t = _stateEnds;
                    if (_t >= TimeSpan.MaxValue.TotalSeconds)
                    {
                        // Past what a TimeSpan holds (a silent state with a sojourn near 10675199d) every
                        // further candidate is too: at this size a short state's sojourn no longer moves
                        // the clock, so the loop would never end. Arrive at the end of time, as a
                        // Poisson process with a vanishing rate does.
                        return Seconds(_t);
                    }

                    _state = (_state + 1) % _process.Rates.Length;
                    _stateEnds = _t + ExpSample(_random, 1 / _process.Sojourns[_state].TotalSeconds);
                }
            }
        }
    }

    private sealed record DiurnalProcess(double Mean, double Amplitude, TimeSpan Period, TimeSpan PeakAt) : ArrivalProcess
    {
        public override IArrivals Start(Random random) => new Stream(this, random);

        public override string ToString() =>
            $"diurnal(mean={F(Mean)}/s, amplitude={F(Amplitude)}, period={F(Period.TotalSeconds)} s, peak={F(PeakAt.TotalSeconds)} s)";

        public double Rate(double t) =>
            Mean * (1 + (Amplitude * Math.Cos(2 * Math.PI * (t - PeakAt.TotalSeconds) / Period.TotalSeconds)));

        private sealed class Stream(DiurnalProcess process, Random random) : IArrivals
        {
            private readonly double _max = process.Mean * (1 + process.Amplitude);
            private double _t;

            public TimeSpan? NextArrival()
            {
                // Lewis–Shedler thinning: candidates at the peak rate, kept with probability rate(t) / peak.
                while (true)
                {
                    _t += ExpSample(random, _max);
                    if (random.NextDouble() * _max < process.Rate(_t))
                    {
                        return Seconds(_t);
                    }
                }
            }
        }
    }

    private sealed record FixedProcess(ImmutableArray<TimeSpan> Times) : ArrivalProcess
    {
        public override bool Ends => true;

        public override IArrivals Start(Random random) => new Stream(Times);

        public override string ToString() => $"fixed({Times.Length} times)";

        private sealed class Stream(ImmutableArray<TimeSpan> times) : IArrivals
        {
            private int _next;

            public TimeSpan? NextArrival() => _next < times.Length ? times[_next++] : null;
        }
    }

    private sealed record AtStartProcess : ArrivalProcess
    {
        public override IArrivals Start(Random random) => new Stream();

        public override string ToString() => "at-start";

        private sealed class Stream : IArrivals
        {
            public TimeSpan? NextArrival() => TimeSpan.Zero;
        }
    }
}

/// <summary>A running arrival process.</summary>
public interface IArrivals
{
    /// <summary>The next arrival's offset from the workload's start (non-decreasing), or null when there are no more.</summary>
    TimeSpan? NextArrival();
}
