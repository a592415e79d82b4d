namespace Sim.Cluster.Objects;

/// <summary>A node taint.</summary>
/// <param name="Key">The taint's key, e.g. <c>node.kubernetes.io/unreachable</c>.</param>
/// <param name="Value">Its value (may be empty).</param>
/// <param name="Effect">What it does to pods that do not tolerate it.</param>
public sealed record Taint(string Key, string Value, TaintEffect Effect)
{
    /// <summary>Added by the node lifecycle controller when a node's Ready condition is False.</summary>
    public const string NotReadyKey = "node.kubernetes.io/not-ready";

    /// <summary>Added by the node lifecycle controller when a node's Ready condition is Unknown.</summary>
    public const string UnreachableKey = "node.kubernetes.io/unreachable";

    /// <summary>Added when a node is cordoned.</summary>
    public const string UnschedulableKey = "node.kubernetes.io/unschedulable";
}
