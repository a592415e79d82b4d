namespace Sim.Faults;

/// <summary>What an injector did to a target (see <see cref="FaultEvent"/>).</summary>
public enum FaultAction
{
    /// <summary>A node went down (its kubelet stopped).</summary>
    NodeDown,

    /// <summary>A node came back.</summary>
    NodeUp,

    /// <summary>A node was cut off from the control plane and the other nodes.</summary>
    Partitioned,

    /// <summary>A node's partition healed.</summary>
    Healed,

    /// <summary>A node was cordoned (marked unschedulable).</summary>
    Cordoned,

    /// <summary>A node was uncordoned.</summary>
    Uncordoned,

    /// <summary>A pod was evicted through the eviction API.</summary>
    Evicted,

    /// <summary>Every pod of a node being drained has been evicted.</summary>
    Drained,

    /// <summary>A container of a pod exited with an error.</summary>
    ContainerCrashed,

    /// <summary>The API server's watch latency changed (a spike started or ended).</summary>
    WatchLatencyChanged,

    /// <summary>The scheduler stopped scheduling.</summary>
    SchedulerStopped,

    /// <summary>The scheduler resumed.</summary>
    SchedulerResumed,
}
