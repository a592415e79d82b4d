using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Adjusts the API server's watch latency for an <see cref="ApiLatencySpikeFault"/>'s interval.</summary>
internal sealed class ApiLatencySpikeInjector(FaultInjector host, ApiLatencySpikeFault fault) : Injector(host)
{
    public override void Start(ImmutableArray<string> nodes)
    {
        ScheduleAfter(fault.At, _ =>
        {
            Host.AddSpike(fault);
            ScheduleAfter(fault.Duration, _ => Host.RemoveSpike(fault), this);
        }, this);
    }
}
