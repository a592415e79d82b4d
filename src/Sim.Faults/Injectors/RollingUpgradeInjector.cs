using System.Collections.Immutable;
using Sim.Cluster.Objects;

namespace Sim.Faults.Injectors;

/// <summary>
/// Upgrades the chosen nodes of a <see cref="RollingUpgradeFault"/> one at a time: drain, down for the
/// upgrade time, up, uncordon, and on to the next node once the API server shows this one Ready.
/// </summary>
internal sealed class RollingUpgradeInjector(FaultInjector host, RollingUpgradeFault fault) : Injector(host)
{
    private ImmutableArray<string> _targets = [];
    private int _next;

    public override void Start(ImmutableArray<string> nodes)
    {
        _targets = Targets.Choose(Host, fault, nodes);
        ScheduleAfter(fault.At, static u => u.UpgradeNext(), this);
    }

    private void UpgradeNext()
    {
        if (_next >= _targets.Length)
        {
            return;
        }

        var node = _targets[_next++];
        new Drainer(Host, fault.Name, node, fault.RetryInterval, () => TakeDown(node)).Start();
    }

    private void TakeDown(string node)
    {
        Host.Down(fault.Name, node);
        ScheduleAfter(fault.UpgradeTime, _ =>
        {
            Host.Up(fault.Name, node);
            Host.Uncordon(fault.Name, node);
            WaitUntilReady(node);
        }, this);
    }

    private void WaitUntilReady(string node)
    {
        if (Host.NodeObject(node) is { Status.Ready: not NodeConditionStatus.True })
        {
            ScheduleAfter(fault.RetryInterval, _ => WaitUntilReady(node), this);
            return;
        }

        UpgradeNext();
    }
}
