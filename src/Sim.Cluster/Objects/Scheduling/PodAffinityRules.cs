using System.Collections.Immutable;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>Required and preferred terms of a pod affinity or anti-affinity.</summary>
public sealed record PodAffinityRules
{
    /// <summary><c>requiredDuringSchedulingIgnoredDuringExecution</c>: all terms must hold.</summary>
    public ImmutableArray<PodAffinityTerm> Required { get; init; } = [];

    /// <summary><c>preferredDuringSchedulingIgnoredDuringExecution</c>: weighted terms for scoring.</summary>
    public ImmutableArray<WeightedPodAffinityTerm> Preferred { get; init; } = [];
}
