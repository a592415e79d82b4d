using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A Deployment: runs its pod template through ReplicaSets and rolls template changes out gradually.</summary>
public sealed record Deployment : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Deployment";

    /// <summary>Desired state.</summary>
    public DeploymentSpec Spec { get; init; } = new();

    /// <summary>Observed state.</summary>
    public DeploymentStatus Status { get; init; } = new();

    /// <inheritdoc />
    public override string Kind => KindName;
}
