using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Stops the scheduler for a <see cref="SchedulerOutageFault"/>'s interval.</summary>
internal sealed class SchedulerOutageInjector(FaultInjector host, SchedulerOutageFault fault) : Injector(host)
{
    public override void Start(ImmutableArray<string> nodes)
    {
        ScheduleAfter(fault.At, _ =>
        {
            Host.StopScheduler(fault.Name);
            if (fault.Duration is { } duration)
            {
                ScheduleAfter(duration, _ => Host.ResumeScheduler(fault.Name), this);
            }
        }, this);
    }
}
