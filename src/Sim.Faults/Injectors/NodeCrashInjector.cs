using System.Collections.Immutable;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Faults.Injectors;

/// <summary>
/// Each selected node alternates drawn up and down times (<see cref="NodeCrashFault"/>), from the
/// stream <c>faults/NAME/NODE</c>, until a crash would come at or after the fault's stop.
/// </summary>
internal sealed class NodeCrashInjector(FaultInjector host, NodeCrashFault fault) : Injector(host)
{
    private SimTime? _stopAt;

    private NodeCrashFault Fault => fault;

    public override void Start(ImmutableArray<string> nodes)
    {
        _stopAt = fault.Stop is { } stop ? Host.Simulation.Now + stop : null;
        var streams = Host.StreamsOf(fault.Name);
        foreach (var node in nodes.Where(n => Host.Selected(n, fault.NodeSelector)))
        {
            var process = new CrashProcess(this, node, streams.For(node));
            process.ScheduleFailure(fault.Start);
        }
    }

    /// <summary>One node's alternating up and down times.</summary>
    private sealed class CrashProcess(NodeCrashInjector injector, string node, SimRandom random)
    {
        public void ScheduleFailure(TimeSpan after)
        {
            injector.ScheduleAfter(after, Seconds(injector.Fault.TimeToFailure.Sample(random)), static p => p.Fail(), this);
        }

        private void Fail()
        {
            if (injector._stopAt is { } stop && injector.Host.Simulation.Now >= stop)
            {
                return;
            }

            injector.Host.Down(injector.Fault.Name, node);
            if (injector.Fault.TimeToRecover is { } recover)
            {
                injector.ScheduleAfter(TimeSpan.Zero, Seconds(recover.Sample(random)), static p => p.Recover(), this);
            }
        }

        private void Recover()
        {
            injector.Host.Up(injector.Fault.Name, node);
            ScheduleFailure(TimeSpan.Zero);
        }
    }
}
