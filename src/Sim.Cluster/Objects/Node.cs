using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A node: a machine with a kubelet, kube-proxy and a container runtime. Cluster-scoped.</summary>
public sealed record Node : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Node";

    /// <summary>The well-known label of a node's zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The well-known label of a node's region.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>The well-known label of a node's hostname.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>The well-known label of a node's instance type.</summary>
    public const string InstanceTypeLabel = "node.kubernetes.io/instance-type";

    /// <summary>Desired state.</summary>
    public NodeSpec Spec { get; init; } = new();

    /// <summary>Reported state.</summary>
    public NodeStatus Status { get; init; } = new();

    /// <inheritdoc />
    public override string Kind => KindName;
}
