using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Drains the chosen nodes of a <see cref="DrainFault"/> together, and uncordons them after its duration.</summary>
internal sealed class DrainInjector(FaultInjector host, DrainFault fault) : Injector(host)
{
    public override void Start(ImmutableArray<string> nodes)
    {
        var targets = Targets.Choose(Host, fault, nodes);
        ScheduleAfter(fault.At, _ =>
        {
            var drainers = targets.Select(node => new Drainer(Host, fault.Name, node, fault.RetryInterval, drained: null)).ToList();
            foreach (var drainer in drainers)
            {
                drainer.Start();
            }

            if (fault.Duration is { } duration)
            {
                ScheduleAfter(duration, _ =>
                {
                    for (var i = 0; i < drainers.Count; i++)
                    {
                        drainers[i].Cancel();
                        Host.Uncordon(fault.Name, targets[i]);
                    }
                }, this);
            }
        }, this);
    }
}
