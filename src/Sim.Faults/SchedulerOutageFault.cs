namespace Sim.Faults;

/// <summary>
/// The scheduler stops scheduling at <see cref="At"/> (<see cref="Scheduling.Scheduler.Pause"/>) and
/// resumes after <see cref="Duration"/>, starting with the pods that queued meanwhile.
/// </summary>
public sealed record SchedulerOutageFault : FaultSpec
{
    /// <summary>The offset from the start of the run.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>How long the outage lasts; null for the rest of the run.</summary>
    public TimeSpan? Duration { get; init; }
}
