namespace Sim.Metrics;

/// <summary>What a <see cref="MetricsCollector"/> records, with documented defaults.</summary>
public sealed record MetricsOptions
{
    /// <summary>The time between two samples of the series (the first is taken at <see cref="MetricsCollector.Start"/>). Default 60 s; must be positive.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether to record each node's utilization too (<see cref="MetricsCollector.NodeFinal"/> and per-node series). Default false.</summary>
    public bool PerNode { get; init; }

    /// <summary>
    /// The stranding threshold θ: a node's free CPU counts as stranded while its free memory is below
    /// θ × its allocatable memory, and symmetrically for memory (docs/metrics.md). Default 0.1; must be in [0, 1].
    /// </summary>
    public double StrandingThreshold { get; init; } = 0.1;
}
