using System.Collections.Immutable;

namespace Sim.Faults;

/// <summary>
/// Replays a trace's machine events (e.g. Alibaba cluster-trace-v2017 <c>server_event.csv</c>) as node
/// failures. An event at trace time t in [<see cref="From"/>, <see cref="To"/>) happens at offset
/// t − <see cref="From"/> from the start of the run, on the node its machine maps to
/// (<see cref="Mapping"/>): an error (soft or hard) takes the node down, and the machine recovers
/// <see cref="RecoverAfter"/> later, or earlier if the trace adds it again; a removal takes it down
/// until the trace adds it again. Events before <see cref="From"/> are ignored: every machine starts up.
/// </summary>
public sealed record ServerEventReplayFault : FaultSpec
{
    /// <summary>The events, in any order (replayed by time, ties in the order given).</summary>
    public required ImmutableArray<MachineEvent> Events { get; init; }

    /// <summary>The trace time that becomes the start of the run.</summary>
    public TimeSpan From { get; init; }

    /// <summary>No event at or after this trace time; null for the whole trace.</summary>
    public TimeSpan? To { get; init; }

    /// <summary>How long an error keeps its machine down unless the trace adds it back sooner (the trace does not say). Default: 10 minutes.</summary>
    public TimeSpan RecoverAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How machines map onto nodes. Default: <see cref="MachineMapping.Fold"/>.</summary>
    public MachineMapping Mapping { get; init; } = MachineMapping.Fold;

    /// <summary>With <see cref="MachineMapping.Label"/>, the node label that holds a machine id. Default: <c>sim.trace-machine</c>, the label of nodes a scenario takes from a trace.</summary>
    public string MachineLabel { get; init; } = "sim.trace-machine";
}
