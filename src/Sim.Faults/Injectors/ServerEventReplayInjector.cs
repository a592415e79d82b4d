using System.Collections.Immutable;
using Sim.Engine;

namespace Sim.Faults.Injectors;

/// <summary>
/// Replays a <see cref="ServerEventReplayFault"/>: one simulation event per trace event in the window;
/// each machine's down holds on its node are released after the recovery time or by a later add.
/// </summary>
internal sealed class ServerEventReplayInjector(FaultInjector host, ServerEventReplayFault fault) : Injector(host)
{
    private readonly Dictionary<long, string> _nodeOf = [];
    private readonly Dictionary<long, List<EventHandle>> _down = [];

    public override void Start(ImmutableArray<string> nodes)
    {
        if (nodes.IsEmpty)
        {
            return;
        }

        if (fault.Mapping == MachineMapping.Label)
        {
            foreach (var node in nodes)
            {
                if (Host.NodeObject(node)?.Metadata.Labels.GetValueOrDefault(fault.MachineLabel) is { } label
                    && long.TryParse(label, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var machine))
                {
                    _nodeOf.TryAdd(machine, node);
                }
            }
        }
        else
        {
            var machines = fault.Events.Select(e => e.MachineId).Distinct().Order().ToArray();
            for (var rank = 0; rank < machines.Length; rank++)
            {
                if (fault.Mapping == MachineMapping.Fold || rank < nodes.Length)
                {
                    _nodeOf[machines[rank]] = nodes[rank % nodes.Length];
                }
            }
        }

        var replayed = fault.Events
            .Select((e, order) => (e, order))
            .Where(x => x.e.Time >= fault.From && (fault.To is not { } to || x.e.Time < to) && _nodeOf.ContainsKey(x.e.MachineId))
            .OrderBy(x => x.e.Time)
            .ThenBy(x => x.order);
        foreach (var (e, _) in replayed)
        {
            var trace = e;
            ScheduleAfter(e.Time - fault.From, _ => Apply(trace), this);
        }
    }

    private void Apply(MachineEvent e)
    {
        var node = _nodeOf[e.MachineId];
        switch (e.Kind)
        {
            case MachineEventKind.Add:
                if (_down.Remove(e.MachineId, out var holds))
                {
                    foreach (var hold in holds)
                    {
                        Host.Simulation.Cancel(hold);
                        Host.Up(fault.Name, node);
                    }
                }

                break;
            case MachineEventKind.Remove:
                Hold(e.MachineId, node, recover: false);
                break;
            default:
                Hold(e.MachineId, node, recover: true);
                break;
        }
    }

    private void Hold(long machine, string node, bool recover)
    {
        Host.Down(fault.Name, node);
        if (!_down.TryGetValue(machine, out var holds))
        {
            _down[machine] = holds = [];
        }

        EventHandle release = default;
        if (recover)
        {
            release = ScheduleAfter(fault.RecoverAfter, _ =>
            {
                holds.Remove(release);
                Host.Up(fault.Name, node);
            }, this);
        }

        holds.Add(release);
    }
}
