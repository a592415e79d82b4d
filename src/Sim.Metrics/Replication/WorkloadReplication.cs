namespace Sim.Metrics.Replication;

/// <summary>One replicated workload's measures (see docs/replication.md).</summary>
/// <param name="Kind">Deployment, ReplicaSet (one no Deployment owns) or ReplicationController.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="LifetimeSeconds">Seconds it existed since the collector started.</param>
/// <param name="Availability">Time-weighted mean of min(1, serving replicas / desired replicas) over its lifetime.</param>
/// <param name="DeficitSeconds">∫ max(0, desired − serving) dt: replica-seconds missing.</param>
/// <param name="PodsCreated">Pods created for it.</param>
/// <param name="PodsRecreated">Pods created beyond its largest desired count: replacements.</param>
public sealed record WorkloadReplication(
    string Kind,
    string Namespace,
    string Name,
    double LifetimeSeconds,
    double Availability,
    double DeficitSeconds,
    long PodsCreated,
    long PodsRecreated);
