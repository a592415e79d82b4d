namespace Sim.Cluster.Objects;

/// <summary>What the deployment controller last observed, summed over the Deployment's ReplicaSets' statuses.</summary>
public sealed record DeploymentStatus
{
    /// <summary>Active pods of all its ReplicaSets.</summary>
    public int Replicas { get; init; }

    /// <summary>Active pods of the new ReplicaSet (the current template).</summary>
    public int UpdatedReplicas { get; init; }

    /// <summary>Ready pods of all its ReplicaSets.</summary>
    public int ReadyReplicas { get; init; }

    /// <summary>Available pods of all its ReplicaSets.</summary>
    public int AvailableReplicas { get; init; }
}
