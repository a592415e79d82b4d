namespace Sim.Faults;

/// <summary>One machine event of a cluster trace, as <see cref="ServerEventReplayFault"/> replays it.</summary>
/// <param name="Time">When, in trace time.</param>
/// <param name="MachineId">The trace's machine.</param>
/// <param name="Kind">What happened.</param>
public readonly record struct MachineEvent(TimeSpan Time, long MachineId, MachineEventKind Kind);
