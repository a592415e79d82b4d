namespace Sim.Faults;

/// <summary>
/// From <see cref="At"/> for <see cref="Duration"/>, every watch event is delivered after its drawn
/// latency times <see cref="Factor"/>, or after <see cref="Latency"/> (exactly one of the two): the
/// control plane and kube-proxies learn of changes late. Overlapping spikes combine: factors multiply,
/// and the largest fixed latency of those active replaces the drawn one.
/// </summary>
public sealed record ApiLatencySpikeFault : FaultSpec
{
    /// <summary>The offset from the start of the run.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>How long the spike lasts.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Multiplies each drawn watch latency; null with <see cref="Latency"/>.</summary>
    public double? Factor { get; init; }

    /// <summary>Replaces each drawn watch latency; null with <see cref="Factor"/>.</summary>
    public TimeSpan? Latency { get; init; }
}
