using System.Collections.Immutable;
using Sim.Faults;
using Sim.Traces.Alibaba2017;

namespace Sim.Experiments.Traces;

/// <summary>Turns trace machine events into the <see cref="MachineEvent"/>s a <see cref="ServerEventReplayFault"/> replays.</summary>
public static class ServerEventFaults
{
    /// <summary>
    /// The rows of an Alibaba 2017 <c>server_event.csv</c> as machine events, in file order:
    /// <c>add</c>, <c>softerror</c>, <c>harderror</c> and <c>remove</c> map to the kinds of the same name.
    /// </summary>
    public static ImmutableArray<MachineEvent> Alibaba2017(IEnumerable<ServerEvent> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Select(r => new MachineEvent(r.Time, r.MachineId, r.Type switch
        {
            ServerEventType.Add => MachineEventKind.Add,
            ServerEventType.SoftError => MachineEventKind.SoftError,
            ServerEventType.HardError => MachineEventKind.HardError,
            _ => MachineEventKind.Remove,
        }))];
    }
}
