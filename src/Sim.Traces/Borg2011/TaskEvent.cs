namespace Sim.Traces.Borg2011;

/// <summary>
/// One row of the Google cluster-usage trace 2011 (clusterdata-2011-2) task_events table, from its
/// published schema: 13 headerless fields per line.
/// </summary>
/// <param name="TimeMicroseconds">
/// When, in microseconds from 600 s before the trace window; 0 means before the window and
/// <see cref="long.MaxValue"/> after it. See <see cref="Time"/>.
/// </param>
/// <param name="MissingInfo">Why the record was synthesized; null for a recorded event.</param>
/// <param name="JobId">The job.</param>
/// <param name="TaskIndex">The task's index within the job.</param>
/// <param name="MachineId">The machine; null when none (e.g. a Submit).</param>
/// <param name="Type">What happened.</param>
/// <param name="User">The user, as an opaque hash; null when empty.</param>
/// <param name="SchedulingClass">Latency sensitivity, 0 (least) to 3 (most); null when empty.</param>
/// <param name="Priority">The priority, 0 (free) to 11 (production and above are 9–11).</param>
/// <param name="CpuRequest">CPU cores requested, normalized to the largest machine's capacity; null when empty.</param>
/// <param name="MemoryRequest">Memory requested, normalized the same way; null when empty.</param>
/// <param name="DiskSpaceRequest">Local disk space requested, normalized the same way; null when empty.</param>
/// <param name="DifferentMachines">True when the task's job wants its tasks on different machines; null when empty.</param>
public sealed record TaskEvent(
    long TimeMicroseconds,
    MissingInfo? MissingInfo,
    long JobId,
    long TaskIndex,
    long? MachineId,
    TaskEventType Type,
    string? User,
    int? SchedulingClass,
    int Priority,
    double? CpuRequest,
    double? MemoryRequest,
    double? DiskSpaceRequest,
    bool? DifferentMachines)
{
    /// <summary>The time written for events before the trace window.</summary>
    public const long BeforeTrace = 0;

    /// <summary>The time written for events after the trace window.</summary>
    public const long AfterTrace = long.MaxValue;

    /// <summary>The time as a <see cref="TimeSpan"/>; null for <see cref="BeforeTrace"/> and <see cref="AfterTrace"/>.</summary>
    public TimeSpan? Time => TimeMicroseconds is BeforeTrace or AfterTrace ? null : TimeSpan.FromMicroseconds(TimeMicroseconds);
}
