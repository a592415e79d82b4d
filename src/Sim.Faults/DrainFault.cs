namespace Sim.Faults;

/// <summary>
/// <c>kubectl drain</c> of the chosen nodes at <see cref="TargetedNodeFault.At"/>: each is cordoned
/// and its pods evicted through the eviction API (<see cref="Cluster.Controllers.DisruptionController.TryEvict"/>),
/// which respects PodDisruptionBudgets; refused evictions are retried every
/// <see cref="RetryInterval"/>. The nodes are uncordoned after <see cref="Duration"/> (and any eviction
/// still refused then is given up).
/// </summary>
public sealed record DrainFault : TargetedNodeFault
{
    /// <summary>How long after <see cref="TargetedNodeFault.At"/> the nodes are uncordoned; null to leave them cordoned.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How long to wait before retrying refused evictions (kubectl drain: 5 s).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}
