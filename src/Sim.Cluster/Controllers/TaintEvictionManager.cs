using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// Taint-based eviction (upstream's taint-eviction controller, run inside the node lifecycle
/// controller): when a node carries a NoExecute taint, each active pod on it that does not tolerate
/// the taint is evicted at once; one that tolerates it for <c>tolerationSeconds</c> is evicted that long
/// after the taint appeared (unless every NoExecute taint goes first); one that tolerates it without
/// a limit stays. Evicting requests the pod's deletion: its controller replaces it at once, and the
/// pod object stays Terminating until its kubelet confirms, as in Kubernetes.
/// </summary>
internal sealed class TaintEvictionManager
{
    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly Dictionary<ObjectKey, EventHandle> _evictions = [];

    public TaintEvictionManager(SimulatedCluster cluster, ApiClient api, string component)
    {
        _cluster = cluster;
        _api = api;
        _api.Watch(cluster.WatchOptionsFor(component, Pod.KindName, filter: static e => IsBoundArrival(e)), OnPod);
    }

    /// <summary>Pods evicted so far.</summary>
    public long Evictions { get; private set; }

    /// <summary>
    /// The NoExecute taints of <paramref name="node"/> changed: with none left, pending evictions of its
    /// pods are cancelled; otherwise pods without a pending eviction get one (a pending one keeps its time).
    /// </summary>
    public void NodeTaintsChanged(Node node)
    {
        var pods = _api.List(Pod.KindName, Pod.NodeNameIndex, node.Metadata.Name);
        if (!node.Spec.Taints.Any(t => t.Effect == TaintEffect.NoExecute))
        {
            foreach (Pod pod in pods)
            {
                if (_evictions.Remove(pod.Key, out var pending))
                {
                    _cluster.Simulation.Cancel(pending);
                }
            }

            return;
        }

        foreach (Pod pod in pods)
        {
            ScheduleEviction(pod, node);
        }
    }

    /// <summary>The only pod events <see cref="OnPod"/> acts on (its watch delivers no other).</summary>
    private static bool IsBoundArrival(WatchEvent e) => e.Type == WatchEventType.Added && e.Item is Pod { IsBound: true };

    private void OnPod(WatchEvent e)
    {
        // A pod bound to a node that is already tainted NoExecute is handled like the others on it.
        if (!IsBoundArrival(e))
        {
            return;
        }

        var pod = (Pod)e.Item;

        var node = _api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, pod.Spec.NodeName));
        if (node is not null && node.Spec.Taints.Any(t => t.Effect == TaintEffect.NoExecute))
        {
            ScheduleEviction(pod, node);
        }
    }

    private void ScheduleEviction(Pod pod, Node node)
    {
        if (!pod.IsActive || _evictions.ContainsKey(pod.Key))
        {
            return;
        }

        TimeSpan? wait = null;
        foreach (var taint in node.Spec.Taints)
        {
            if (taint.Effect != TaintEffect.NoExecute)
            {
                continue;
            }

            var tolerations = pod.Spec.Tolerations.Where(t => t.Tolerates(taint)).ToList();
            if (tolerations.Count == 0)
            {
                wait = TimeSpan.Zero;
                break;
            }

            // The shortest tolerationSeconds among the matching tolerations applies; none means forever.
            var seconds = tolerations.Where(t => t.TolerationSeconds is not null).Select(t => t.TolerationSeconds!.Value).DefaultIfEmpty(long.MaxValue).Min();
            if (seconds != long.MaxValue)
            {
                var limit = TimeSpan.FromSeconds(Math.Max(seconds, 0));
                wait = wait is null || limit < wait ? limit : wait;
            }
        }

        if (wait is { } delay)
        {
            _evictions[pod.Key] = _cluster.Simulation.ScheduleAfter(delay, static state => state.Manager.Evict(state.Pod), new EvictionState(this, pod.Key));
        }
    }

    private void Evict(ObjectKey key)
    {
        _evictions.Remove(key);
        var pod = _api.Get<Pod>(key);
        if (pod is null || !pod.IsActive)
        {
            return;
        }

        if (_api.Update(pod with { DeletionRequestedAt = _cluster.Simulation.Now, Status = pod.Status with { Reason = "TaintEviction" } }, "evicted (NoExecute taint)").IsOk)
        {
            Evictions++;
        }
    }

    private sealed record EvictionState(TaintEvictionManager Manager, ObjectKey Pod);
}
