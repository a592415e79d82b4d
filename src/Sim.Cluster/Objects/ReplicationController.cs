using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A ReplicationController: keeps <see cref="ReplicationControllerSpec.Replicas"/> pods alive.</summary>
public sealed record ReplicationController : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "ReplicationController";

    /// <summary>Desired state.</summary>
    public ReplicationControllerSpec Spec { get; init; } = new();

    /// <summary>Observed state.</summary>
    public ReplicationControllerStatus Status { get; init; } = new();

    /// <inheritdoc />
    public override string Kind => KindName;
}
