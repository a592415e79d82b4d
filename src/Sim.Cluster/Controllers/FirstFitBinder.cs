using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A stand-in for the scheduler until the real one is plugged in: it binds each pending pod, in the
/// order it saw them, to the first node by name that is Ready, schedulable, whose NoSchedule and
/// NoExecute taints the pod tolerates, whose labels satisfy the pod's node selector and required node
/// affinity, and whose
/// allocatable resources hold the pod beside the pods already bound there. A pod that fits nowhere
/// waits and is retried when a node or a pod changes.
/// </summary>
public sealed class FirstFitBinder
{
    private const string Name = "first-fit-binder";

    private readonly ApiClient _api;
    private readonly WorkQueue<string> _queue;
    private readonly SortedDictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private Node[]? _nodeOrder;
    private readonly Dictionary<string, ResourceList> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _podCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, (string Node, ResourceList Requests)> _counted = [];
    private readonly LinkedList<ObjectKey> _pending = new();
    private readonly Dictionary<ObjectKey, LinkedListNode<ObjectKey>> _pendingNodes = [];

    internal FirstFitBinder(SimulatedCluster cluster)
    {
        _api = cluster.Client(Name);
        _queue = new WorkQueue<string>(cluster.Simulation, _ => BindPending());
        _api.Watch(cluster.WatchOptionsFor(Name, Node.KindName), OnNode);
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    /// <summary>Pods waiting for a node.</summary>
    public int PendingCount => _pending.Count;

    private void OnNode(WatchEvent e)
    {
        var node = (Node)e.Item;
        if (e.Type == WatchEventType.Deleted)
        {
            _nodes.Remove(node.Metadata.Name);
        }
        else
        {
            _nodes[node.Metadata.Name] = node;
        }

        _nodeOrder = null;
        _queue.Add(Name);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        var key = pod.Key;
        // A terminating pod keeps its resources until it is gone, as the scheduler's cache does.
        if (e.Type == WatchEventType.Deleted || pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed)
        {
            Uncount(key);
            RemovePending(key);
            _queue.Add(Name);
            return;
        }

        if (!pod.IsActive)
        {
            RemovePending(key);
            return;
        }

        if (pod.IsBound)
        {
            Count(key, pod.Spec.NodeName, pod.Spec.Requests());
            return;
        }

        if (e.Type == WatchEventType.Added && pod.Spec.SchedulerName == "default-scheduler" && !_pendingNodes.ContainsKey(key))
        {
            _pendingNodes[key] = _pending.AddLast(key);
            _queue.Add(Name);
        }
    }

    private void BindPending()
    {
        for (var entry = _pending.First; entry is not null;)
        {
            var next = entry.Next;
            var pod = _api.Get<Pod>(entry.Value);
            if (pod is null || pod.IsBound || !pod.IsActive)
            {
                RemovePending(entry.Value);
            }
            else
            {
                var requests = pod.Spec.Requests();
                var node = FirstFit(pod, requests);
                var now = _api.Server.Simulation.Now;
                if (node is not null
                    && _api.Update(pod with { Spec = pod.Spec with { NodeName = node }, Status = pod.Status with { ScheduledAt = now } }, $"bound to {node}").IsOk)
                {
                    Count(pod.Key, node, requests);
                    RemovePending(entry.Value);
                }
            }

            entry = next;
        }
    }

    private void RemovePending(ObjectKey key)
    {
        if (_pendingNodes.Remove(key, out var node))
        {
            _pending.Remove(node);
        }
    }

    private string? FirstFit(Pod pod, ResourceList requests)
    {
        _nodeOrder ??= [.. _nodes.Values];
        foreach (var node in _nodeOrder)
        {
            var name = node.Metadata.Name;
            if (node.Status.Ready != NodeConditionStatus.True || node.Spec.Unschedulable)
            {
                continue;
            }

            if (!Selectors.Matches(pod.Spec.NodeSelector, node.Metadata.Labels) || !ToleratesAll(pod, node)
                || (pod.Spec.Affinity?.NodeAffinity is { Required.IsEmpty: false } affinity && !Objects.Scheduling.NodeAffinity.Matches(affinity.Required, node)))
            {
                continue;
            }

            var allocatable = node.Status.Allocatable;
            var used = _used.GetValueOrDefault(name) ?? ResourceList.Empty;
            if (allocatable.Pods > 0 && _podCounts.GetValueOrDefault(name) + 1 > allocatable.Pods)
            {
                continue;
            }

            if (requests.FirstShortage(used, allocatable) is null)
            {
                return name;
            }
        }

        return null;
    }

    private static bool ToleratesAll(Pod pod, Node node)
    {
        foreach (var taint in node.Spec.Taints)
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule)
            {
                continue;
            }

            var tolerated = false;
            foreach (var toleration in pod.Spec.Tolerations)
            {
                tolerated |= toleration.Tolerates(taint);
            }

            if (!tolerated)
            {
                return false;
            }
        }

        return true;
    }

    private void Count(ObjectKey pod, string node, ResourceList requests)
    {
        if (_counted.ContainsKey(pod))
        {
            return;
        }

        _counted[pod] = (node, requests);
        _used[node] = (_used.GetValueOrDefault(node) ?? ResourceList.Empty).Add(requests);
        _podCounts[node] = _podCounts.GetValueOrDefault(node) + 1;
    }

    private void Uncount(ObjectKey pod)
    {
        if (!_counted.Remove(pod, out var entry))
        {
            return;
        }

        _used[entry.Node] = _used[entry.Node].Subtract(entry.Requests);
        _podCounts[entry.Node]--;
    }
}
