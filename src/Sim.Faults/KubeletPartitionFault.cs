namespace Sim.Faults;

/// <summary>
/// The chosen nodes are cut off from the control plane and the other nodes at <see cref="TargetedNodeFault.At"/>
/// (<see cref="Cluster.Nodes.Kubelet.Partition"/>): they keep running their pods, but their lease
/// renewals and status writes stop reaching the API server, they see no API changes, and traffic
/// between them and other nodes fails. The partition heals after <see cref="Duration"/>.
/// </summary>
public sealed record KubeletPartitionFault : TargetedNodeFault
{
    /// <summary>How long the partition lasts; null for the rest of the run.</summary>
    public TimeSpan? Duration { get; init; }
}
