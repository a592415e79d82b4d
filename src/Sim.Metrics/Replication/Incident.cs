using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Metrics.Replication;

/// <summary>Nodes that became unreachable at one instant, and the workloads that had replicas serving on them.</summary>
internal sealed class Incident(SimTime start)
{
    public SimTime Start { get; } = start;

    /// <summary>Workloads that had a serving replica on one of the nodes.</summary>
    public HashSet<ObjectKey> Hit { get; } = [];

    /// <summary>The hit workloads not yet serving all their desired replicas again.</summary>
    public HashSet<ObjectKey> Short { get; } = [];

    /// <summary>When every hit workload was whole again; null while not.</summary>
    public SimTime? RecoveredAt { get; set; }
}
