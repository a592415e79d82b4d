namespace Sim.Cluster.Objects;

/// <summary>The value of a node condition.</summary>
public enum NodeConditionStatus
{
    /// <summary>The kubelet reports the condition holds.</summary>
    True,

    /// <summary>The kubelet reports it does not.</summary>
    False,

    /// <summary>The kubelet stopped reporting (set by the node lifecycle controller).</summary>
    Unknown,
}
