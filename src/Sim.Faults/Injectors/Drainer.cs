using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Faults.Injectors;

/// <summary>
/// Drains one node as <c>kubectl drain</c> does: cordons it, then evicts every active pod bound to it
/// through the eviction API, and retries the refused evictions (and any pod bound meanwhile) every
/// retry interval until none is left; then <paramref name="drained"/> runs.
/// </summary>
internal sealed class Drainer(FaultInjector host, string fault, string node, TimeSpan retryInterval, Action? drained)
{
    private EventHandle _retry;
    private bool _cancelled;

    public bool IsDrained { get; private set; }

    public void Start()
    {
        host.Cordon(fault, node);
        Round();
    }

    /// <summary>Stops retrying; the node stays cordoned (the caller uncordons).</summary>
    public void Cancel()
    {
        _cancelled = true;
        host.Simulation.Cancel(_retry);
    }

    private void Round()
    {
        if (_cancelled)
        {
            return;
        }

        var cluster = host.Cluster;
        var left = 0;
        foreach (Pod pod in cluster.Api.List(Pod.KindName, Pod.NodeNameIndex, node))
        {
            if (!pod.IsActive)
            {
                continue; // evicted already, or finished
            }

            var result = cluster.DisruptionController.TryEvict(pod.Key, "fault/" + fault);
            if (result.IsOk)
            {
                host.Evicted(fault, pod);
            }
            else if (result.Status != ApiStatus.NotFound)
            {
                host.EvictionRefused();
                left++;
            }
        }

        if (left > 0)
        {
            _retry = host.Simulation.ScheduleAfter(retryInterval, static d => d.Round(), this);
            return;
        }

        IsDrained = true;
        host.Record(fault, node, FaultAction.Drained);
        drained?.Invoke();
    }
}
