namespace Sim.Cluster.Objects.Scheduling;

/// <summary>What a topology spread constraint does when it cannot be met.</summary>
public enum WhenUnsatisfiable
{
    /// <summary>The pod is not scheduled (a filter).</summary>
    DoNotSchedule,

    /// <summary>The pod is scheduled anyway, preferring nodes that reduce the skew (a score).</summary>
    ScheduleAnyway,
}
