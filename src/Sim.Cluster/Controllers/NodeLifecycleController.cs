using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The node lifecycle controller with taint-based eviction (upstream <c>pkg/controller/nodelifecycle</c>
/// and the taint-eviction controller).
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ClusterTimings.NodeMonitorPeriod"/> (5 s) it checks each node's lease: one not
/// renewed for <see cref="ClusterTimings.NodeMonitorGracePeriod"/> (50 s) turns the node's Ready
/// condition Unknown, adds the <c>node.kubernetes.io/unreachable</c> NoSchedule and NoExecute taints and
/// marks the node's pods not ready (so they leave their Services' endpoints). A renewed lease turns
/// the node Ready again and removes the taints.
/// </para>
/// <para>
/// Taint-based eviction: when a node gets a NoExecute taint, each active pod on it that does not
/// tolerate the taint is evicted at once; one that tolerates it for <c>tolerationSeconds</c> is evicted
/// that long after the taint appeared (unless the taint goes first); one that tolerates it without a
/// limit stays. Evicting requests the pod's deletion: its controller replaces it at once, and the pod
/// object stays Terminating until its kubelet confirms, as in Kubernetes.
/// </para>
/// <para>
/// A node whose kubelet reports Ready=False (<see cref="Nodes.Kubelet.ReportNotReady"/>) gets the
/// <c>node.kubernetes.io/not-ready</c> NoSchedule and NoExecute taints, its pods are marked not ready,
/// and they are evicted after their toleration in the same way; Ready=True removes the taints.
/// Simplification: the eviction rate limits (0.1 nodes/s, zone disruption states) are not modelled.
/// </para>
/// </remarks>
public sealed class NodeLifecycleController
{
    private const string Name = "node-lifecycle-controller";

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly Dictionary<string, SimTime> _renewals = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, EventHandle> _evictions = [];

    internal NodeLifecycleController(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _api.Watch(cluster.WatchOptionsFor(Name, Lease.KindName), e =>
        {
            if (e.Type != WatchEventType.Deleted)
            {
                _renewals[e.Item.Metadata.Name] = ((Lease)e.Item).RenewTime;
            }
        });
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
        _api.Watch(cluster.WatchOptionsFor(Name, Node.KindName), OnNode);
        cluster.Simulation.ScheduleAfter(cluster.Timings.NodeMonitorPeriod, static c => c.Monitor(), this);
    }

    /// <summary>Pods evicted so far.</summary>
    public long Evictions { get; private set; }

    private void Monitor()
    {
        var now = _cluster.Simulation.Now;
        foreach (var (nodeName, renewed) in _renewals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var node = _api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, nodeName));
            if (node is null)
            {
                continue;
            }

            var stale = now - renewed > _cluster.Timings.NodeMonitorGracePeriod;
            if (stale && node.Status.Ready == NodeConditionStatus.True)
            {
                MarkUnreachable(node, now);
            }
            else if (!stale && node.Status.Ready == NodeConditionStatus.Unknown)
            {
                MarkReady(node, now);
            }
        }

        _cluster.Simulation.ScheduleAfter(_cluster.Timings.NodeMonitorPeriod, static c => c.Monitor(), this);
    }

    private void MarkUnreachable(Node node, SimTime now)
    {
        var taints = node.Spec.Taints
            .RemoveAll(t => t.Key == Taint.NotReadyKey)
            .Add(new Taint(Taint.UnreachableKey, string.Empty, TaintEffect.NoSchedule))
            .Add(new Taint(Taint.UnreachableKey, string.Empty, TaintEffect.NoExecute));
        var updated = node with
        {
            Spec = node.Spec with { Taints = taints },
            Status = node.Status with { Ready = NodeConditionStatus.Unknown, ReadyTransitionAt = now },
        };
        if (_api.Update(updated, "Ready=Unknown; tainted unreachable").IsOk)
        {
            TakePodsOutOfService(updated, "NotReady (node unreachable)");
        }
    }

    /// <summary>The kubelet reported Ready=False (or True again): taint or untaint not-ready.</summary>
    private void OnNode(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            return;
        }

        var node = _api.Get<Node>(e.Item.Key);
        if (node is null)
        {
            return;
        }

        var tainted = node.Spec.Taints.Any(t => t.Key == Taint.NotReadyKey);
        if (node.Status.Ready == NodeConditionStatus.False && !tainted)
        {
            var updated = node with
            {
                Spec = node.Spec with
                {
                    Taints = node.Spec.Taints
                        .Add(new Taint(Taint.NotReadyKey, string.Empty, TaintEffect.NoSchedule))
                        .Add(new Taint(Taint.NotReadyKey, string.Empty, TaintEffect.NoExecute)),
                },
            };
            if (_api.Update(updated, "tainted not-ready").IsOk)
            {
                TakePodsOutOfService(updated, "NotReady (node not ready)");
            }
        }
        else if (node.Status.Ready == NodeConditionStatus.True && tainted)
        {
            if (_api.Update(node with { Spec = node.Spec with { Taints = node.Spec.Taints.RemoveAll(t => t.Key == Taint.NotReadyKey) } }, "untainted not-ready").IsOk)
            {
                CancelEvictions(node);
            }
        }
    }

    private void TakePodsOutOfService(Node node, string change)
    {
        foreach (Pod pod in _api.List(Pod.KindName, Pod.NodeNameIndex, node.Metadata.Name))
        {
            if (pod.Status.IsReady)
            {
                _api.Update(pod with { Status = pod.Status with { ReadySince = null } }, change);
            }

            // Eviction depends on the pod's tolerations and activity, which the readiness write keeps.
            ScheduleEviction(pod, node);
        }
    }

    private void MarkReady(Node node, SimTime now)
    {
        var taints = node.Spec.Taints.RemoveAll(t => t.Key == Taint.UnreachableKey || t.Key == Taint.NotReadyKey);
        var updated = node with
        {
            Spec = node.Spec with { Taints = taints },
            Status = node.Status with { Ready = NodeConditionStatus.True, ReadyTransitionAt = now },
        };
        if (_api.Update(updated, "Ready=True; untainted").IsOk)
        {
            CancelEvictions(node);
        }
    }

    private void CancelEvictions(Node node)
    {
        foreach (Pod pod in _api.List(Pod.KindName, Pod.NodeNameIndex, node.Metadata.Name))
        {
            if (_evictions.Remove(pod.Key, out var pending))
            {
                _cluster.Simulation.Cancel(pending);
            }
        }
    }

    private void OnPod(WatchEvent e)
    {
        // A pod bound to a node that is already tainted NoExecute is handled like the others on it.
        if (e.Type != WatchEventType.Added || e.Item is not Pod { IsBound: true } pod)
        {
            return;
        }

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
            _evictions[pod.Key] = _cluster.Simulation.ScheduleAfter(delay, static state => state.Controller.Evict(state.Pod), new EvictionState(this, pod.Key));
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

    private sealed record EvictionState(NodeLifecycleController Controller, ObjectKey Pod);
}
