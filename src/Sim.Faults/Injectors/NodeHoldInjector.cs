using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Named nodes (<see cref="ScheduledNodeFault"/>) or a zone's (<see cref="ZoneOutageFault"/>) go down together and come back together.</summary>
internal sealed class NodeHoldInjector(FaultInjector host, string fault, ImmutableArray<string> targets, TimeSpan at, TimeSpan? duration) : Injector(host)
{
    public override void Start(ImmutableArray<string> nodes)
    {
        foreach (var node in targets)
        {
            ScheduleAfter(at, _ =>
            {
                Host.Down(fault, node);
                if (duration is { } d)
                {
                    ScheduleAfter(d, _ => Host.Up(fault, node), this);
                }
            }, this);
        }
    }
}
