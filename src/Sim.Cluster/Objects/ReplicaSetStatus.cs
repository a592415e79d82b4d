namespace Sim.Cluster.Objects;

/// <summary>What the replication controller last observed of a ReplicaSet.</summary>
public sealed record ReplicaSetStatus
{
    /// <summary>Active pods it owns.</summary>
    public int Replicas { get; init; }

    /// <summary>Of those, the ready ones.</summary>
    public int ReadyReplicas { get; init; }

    /// <summary>Of those, the ones ready for at least <see cref="ReplicaSetSpec.MinReadySeconds"/>.</summary>
    public int AvailableReplicas { get; init; }
}
