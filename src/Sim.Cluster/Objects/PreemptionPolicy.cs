namespace Sim.Cluster.Objects;

/// <summary>Whether a pod may preempt pods of lower priority.</summary>
public enum PreemptionPolicy
{
    /// <summary>The default: the scheduler may evict lower-priority pods to make room.</summary>
    PreemptLowerPriority,

    /// <summary>The pod waits for room; it never preempts.</summary>
    Never,
}
