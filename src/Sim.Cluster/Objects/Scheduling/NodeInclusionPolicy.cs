namespace Sim.Cluster.Objects.Scheduling;

/// <summary>Whether a topology spread constraint counts nodes the pod could not go to.</summary>
public enum NodeInclusionPolicy
{
    /// <summary>Only nodes that pass the pod's node affinity (or tolerate the taints) count.</summary>
    Honor,

    /// <summary>All nodes count.</summary>
    Ignore,
}
