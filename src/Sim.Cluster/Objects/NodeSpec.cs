using System.Collections.Immutable;

namespace Sim.Cluster.Objects;

/// <summary>A node's desired state: whether it takes new pods, and its taints.</summary>
public sealed record NodeSpec
{
    /// <summary>Cordoned: no new pods are scheduled onto it.</summary>
    public bool Unschedulable { get; init; }

    /// <summary>Its taints.</summary>
    public ImmutableArray<Taint> Taints { get; init; } = [];
}
