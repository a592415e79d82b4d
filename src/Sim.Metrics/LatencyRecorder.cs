using Sim.Engine;

namespace Sim.Metrics;

/// <summary>Every latency of one kind, exactly (in ticks), with its mean and nearest-rank percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private bool _sorted = true;

    public int Count => _ticks.Count;

    public void Add(TimeSpan latency)
    {
        if (_ticks.Count > 0 && latency.Ticks < _ticks[^1])
        {
            _sorted = false;
        }

        _ticks.Add(latency.Ticks);
    }

    /// <summary>The mean in seconds; NaN when there is none.</summary>
    public double MeanSeconds()
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        decimal sum = 0;
        foreach (var ticks in _ticks)
        {
            sum += ticks;
        }

        return (double)(sum / _ticks.Count) / SimTime.TicksPerSecond;
    }

    /// <summary>
    /// The nearest-rank <paramref name="percent"/>-th percentile in seconds: the smallest latency with at
    /// least <paramref name="percent"/>% of all latencies at or below it, i.e. the ⌈p·n/100⌉-th smallest.
    /// NaN when there is none.
    /// </summary>
    public double PercentileSeconds(int percent)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        if (!_sorted)
        {
            _ticks.Sort();
            _sorted = true;
        }

        var rank = (int)(((long)percent * _ticks.Count + 99) / 100);
        return (double)_ticks[Math.Max(rank, 1) - 1] / SimTime.TicksPerSecond;
    }
}
