namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A pod's affinity rules. The first-fit binder honours required node affinity; the rest is for the scheduler.</summary>
public sealed record Affinity
{
    /// <summary>Rules on the node's labels.</summary>
    public NodeAffinity? NodeAffinity { get; init; }

    /// <summary>Pods this pod wants to be near.</summary>
    public PodAffinityRules? PodAffinity { get; init; }

    /// <summary>Pods this pod wants to be away from.</summary>
    public PodAffinityRules? PodAntiAffinity { get; init; }
}
