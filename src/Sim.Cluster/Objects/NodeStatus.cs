using System.Collections.Immutable;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>What the kubelet and the node lifecycle controller report about a node.</summary>
public sealed record NodeStatus
{
    /// <summary>The machine's total resources.</summary>
    public ResourceList Capacity { get; init; } = ResourceList.Empty;

    /// <summary>What pods may use: capacity less system reservations. The scheduler fits pods into this.</summary>
    public ResourceList Allocatable { get; init; } = ResourceList.Empty;

    /// <summary>The Ready condition.</summary>
    public NodeConditionStatus Ready { get; init; } = NodeConditionStatus.True;

    /// <summary>When the Ready condition last changed.</summary>
    public SimTime ReadyTransitionAt { get; init; }

    /// <summary>Images present on the node.</summary>
    public ImmutableArray<ContainerImage> Images { get; init; } = [];
}
