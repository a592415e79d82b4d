using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>Creations and deletions a Job waits to see through its watch before it acts again.</summary>
internal sealed class PodExpectations
{
    public int PendingCreations { get; set; }

    public int PendingDeletions { get; set; }

    public SimTime SetAt { get; init; }

    /// <summary>Pods whose deletion has been observed, each counted once.</summary>
    public HashSet<long> SeenDeleting { get; } = [];
}
