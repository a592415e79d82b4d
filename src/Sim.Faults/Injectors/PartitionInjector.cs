using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Partitions the chosen nodes of a <see cref="KubeletPartitionFault"/> and heals them after its duration.</summary>
internal sealed class PartitionInjector(FaultInjector host, KubeletPartitionFault fault) : Injector(host)
{
    public override void Start(ImmutableArray<string> nodes)
    {
        var targets = Targets.Choose(Host, fault, nodes);
        ScheduleAfter(fault.At, _ =>
        {
            foreach (var node in targets)
            {
                Host.Partition(fault.Name, node);
            }

            if (fault.Duration is { } duration)
            {
                ScheduleAfter(duration, _ =>
                {
                    foreach (var node in targets)
                    {
                        Host.Heal(fault.Name, node);
                    }
                }, this);
            }
        }, this);
    }
}
