namespace Sim.Engine.Processes;

/// <summary>Where a process is in its life.</summary>
public enum ProcessStatus
{
    /// <summary>Its next step is scheduled (after a delay, or at start).</summary>
    Waiting,

    /// <summary>Its body is executing right now.</summary>
    Running,

    /// <summary>It yielded <see cref="ProcessStep.Suspend"/> and waits for <see cref="Process.Resume"/>.</summary>
    Suspended,

    /// <summary>It waits for another process to finish.</summary>
    Joining,

    /// <summary>Its body returned, or it was killed.</summary>
    Finished,
}
