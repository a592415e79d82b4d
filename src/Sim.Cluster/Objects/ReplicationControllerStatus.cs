namespace Sim.Cluster.Objects;

/// <summary>What the replication controller last observed.</summary>
public sealed record ReplicationControllerStatus
{
    /// <summary>Active pods it owns.</summary>
    public int Replicas { get; init; }

    /// <summary>Of those, the ready ones.</summary>
    public int ReadyReplicas { get; init; }
}
