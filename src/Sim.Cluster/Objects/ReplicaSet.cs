using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>
/// A ReplicaSet: keeps <see cref="ReplicaSetSpec.Replicas"/> pods matching a set-based selector alive.
/// A Deployment manages its ReplicaSets and sets itself as their <see cref="Owner"/>.
/// </summary>
public sealed record ReplicaSet : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "ReplicaSet";

    /// <summary>Desired state.</summary>
    public ReplicaSetSpec Spec { get; init; } = new();

    /// <summary>Observed state.</summary>
    public ReplicaSetStatus Status { get; init; } = new();

    /// <summary>The controlling owner (a Deployment), if any.</summary>
    public OwnerReference? Owner { get; init; }

    /// <inheritdoc />
    public override string Kind => KindName;
}
