using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>A node's heartbeat: the kubelet renews it every 10 s (namespace <c>kube-node-lease</c>, named after the node).</summary>
public sealed record Lease : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Lease";

    /// <summary>The namespace of node leases.</summary>
    public const string NodeLeaseNamespace = "kube-node-lease";

    /// <summary>When the holder last renewed it.</summary>
    public SimTime RenewTime { get; init; }

    /// <summary>How long the lease holds without renewal (kubelet default 40 s).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(40);

    /// <inheritdoc />
    public override string Kind => KindName;
}
