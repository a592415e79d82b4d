namespace Sim.Traces.Borg2011;

/// <summary>The event types of the Google 2011 trace's task_events table (written as the numbers 0–8).</summary>
public enum TaskEventType
{
    /// <summary>0: the task became eligible for scheduling.</summary>
    Submit = 0,

    /// <summary>1: the task was scheduled on a machine.</summary>
    Schedule = 1,

    /// <summary>2: the task was descheduled to make room for another, or its machine failed or was taken away.</summary>
    Evict = 2,

    /// <summary>3: the task was descheduled because it failed.</summary>
    Fail = 3,

    /// <summary>4: the task finished normally.</summary>
    Finish = 4,

    /// <summary>5: the task was cancelled by its user or a dependency died.</summary>
    Kill = 5,

    /// <summary>6: the task presumably ended, but the record of how is missing.</summary>
    Lost = 6,

    /// <summary>7: the task's scheduling class, resource requirements or constraints were updated while it waited.</summary>
    UpdatePending = 7,

    /// <summary>8: the same, while it was scheduled.</summary>
    UpdateRunning = 8,
}
