using Sim.Engine.Randomness;

namespace Sim.Workloads.Tests;

/// <summary>The arrival processes produce the rates and shapes they describe.</summary>
public class ArrivalProcessTests
{
    [Test]
    public void A_poisson_process_arrival_count_lies_within_three_sigma_of_rate_times_time()
    {
        const double rate = 2;
        const double horizon = 10_000;
        var times = Times(ArrivalProcess.Poisson(rate), horizon);
        var expected = rate * horizon;
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(expected).Within(3 * Math.Sqrt(expected)));
            Assert.That(gaps.Average(), Is.EqualTo(1 / rate).Within(0.02 / rate));
            Assert.That(DispersionIndex(times, horizon, window: 10), Is.EqualTo(1).Within(0.15), "Poisson counts: variance equals mean");
        });
    }

    [Test]
    public void An_mmpp_arrives_at_its_long_run_rate_and_in_bursts()
    {
        // 10/s for 10 s on average, then 0.5/s for 90 s on average: (10·10 + 0.5·90) / 100 = 1.45/s.
        var process = ArrivalProcess.Mmpp([10, 0.5], [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90)]);
        const double horizon = 200_000;
        var times = Times(process, horizon);

        // Per 100 s cycle the count's variance is 145 + 100² + 0.5²·90² = 12,170 (Poisson noise plus
        // the exponential sojourns), so over 2,000 cycles its sd is √(2,000 · 12,170) ≈ 4,934.
        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(1.45 * horizon).Within(3 * Math.Sqrt(2_000 * 12_170.0)));
            Assert.That(DispersionIndex(times, horizon, window: 10), Is.GreaterThan(5), "bursty: far more variance than a Poisson process");
        });
    }

    [Test]
    public void A_diurnal_process_follows_its_rate_curve_through_the_period()
    {
        // Mean 1/s, ±80 %, period 1,000 s, peak at 250 s; 200 periods, counted in 10 phase bins.
        const double mean = 1;
        const double amplitude = 0.8;
        const double period = 1_000;
        const double peak = 250;
        const int periods = 200;
        var times = Times(ArrivalProcess.Diurnal(mean, amplitude, TimeSpan.FromSeconds(period), TimeSpan.FromSeconds(peak)), period * periods);
        var bins = new int[10];
        foreach (var t in times)
        {
            bins[(int)(t % period / (period / bins.Length))]++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(mean * period * periods).Within(3 * Math.Sqrt(mean * period * periods)));
            for (var i = 0; i < bins.Length; i++)
            {
                // The integral of mean·(1 + a·cos(2π(t − peak)/P)) over the bin, times the periods.
                double a = i * period / bins.Length, b = (i + 1) * period / bins.Length;
                var expected = periods * mean * ((b - a) + (amplitude * period / (2 * Math.PI) * (Math.Sin(2 * Math.PI * (b - peak) / period) - Math.Sin(2 * Math.PI * (a - peak) / period))));
                Assert.That(bins[i], Is.EqualTo(expected).Within(3 * Math.Sqrt(expected)), $"phase bin {i}");
            }
        });
    }

    [Test]
    public void A_fixed_schedule_gives_its_times_in_order_then_ends()
    {
        var arrivals = ArrivalProcess.Fixed([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)]).Start(new RandomStreams(1).For("a"));

        Assert.That(
            new[] { arrivals.NextArrival(), arrivals.NextArrival(), arrivals.NextArrival(), arrivals.NextArrival() },
            Is.EqualTo(new TimeSpan?[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), null }));
    }

    [Test]
    public void At_start_arrivals_all_come_at_offset_zero()
    {
        var arrivals = ArrivalProcess.AtStart.Start(new RandomStreams(1).For("a"));

        Assert.That(Enumerable.Range(0, 3).Select(_ => arrivals.NextArrival()), Is.All.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Invalid_processes_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ArrivalProcess.Poisson(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ArrivalProcess.Mmpp([1], []), Throws.ArgumentException);
            Assert.That(() => ArrivalProcess.Mmpp([-1], [TimeSpan.FromSeconds(1)]), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ArrivalProcess.Diurnal(1, 1.5, TimeSpan.FromHours(24), TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ArrivalProcess.Fixed([TimeSpan.FromSeconds(-1)]), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void An_mmpp_whose_silent_state_outlasts_a_TimeSpan_arrives_at_the_end_of_time_instead_of_looping()
    {
        // 1/s for about 1 ms, then silence for about 10,000,000 days: within a few cycles the clock
        // passes TimeSpan.MaxValue, where a 1 ms sojourn no longer moves a double of that size.
        var arrivals = ArrivalProcess.Mmpp([1, 0], [TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(10_000_000)])
            .Start(new RandomStreams(seed: 11).For("arrivals"));

        var next = Task.Run(arrivals.NextArrival);

        Assert.That(next.Wait(TimeSpan.FromSeconds(10)), Is.True, "NextArrival returned");
        Assert.That(next.Result, Is.EqualTo(TimeSpan.MaxValue));
    }

    /// <summary>Arrival offsets in seconds up to <paramref name="horizon"/>.</summary>
    private static List<double> Times(ArrivalProcess process, double horizon)
    {
        var arrivals = process.Start(new RandomStreams(seed: 11).For("arrivals"));
        var times = new List<double>();
        while (arrivals.NextArrival() is { } next && next.TotalSeconds <= horizon)
        {
            times.Add(next.TotalSeconds);
        }

        return times;
    }

    /// <summary>Variance over mean of the counts in consecutive windows (1 for a Poisson process).</summary>
    private static double DispersionIndex(List<double> times, double horizon, double window)
    {
        var counts = new int[(int)(horizon / window)];
        foreach (var t in times)
        {
            var i = (int)(t / window);
            if (i < counts.Length)
            {
                counts[i]++;
            }
        }

        var mean = counts.Average();
        var variance = counts.Sum(c => (c - mean) * (c - mean)) / (counts.Length - 1);
        return variance / mean;
    }
}
