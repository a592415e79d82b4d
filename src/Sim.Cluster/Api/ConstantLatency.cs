namespace Sim.Cluster.Api;

/// <summary>
/// A watch latency that is always <see cref="Value"/> and draws nothing. A watch whose
/// <see cref="WatchOptions.Latency"/> is this <see cref="Draw"/> uses the value without calling the
/// delegate, which changes nothing but the work done on every write the watch sees.
/// </summary>
/// <param name="value">The latency.</param>
internal sealed class ConstantLatency(TimeSpan value)
{
    /// <summary>The latency.</summary>
    public TimeSpan Value { get; } = value;

    /// <summary>Returns <see cref="Value"/>: the delegate to set as <see cref="WatchOptions.Latency"/>.</summary>
    public TimeSpan Draw() => Value;
}
