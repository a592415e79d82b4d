using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeUnschedulable;

/// <summary>Rejects nodes marked unschedulable (cordoned) unless the pod tolerates the <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint.</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go</c>.</remarks>
public sealed class NodeUnschedulable : IBatchFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeUnschedulable";

    /// <summary>The rejection reason.</summary>
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";

    private static readonly Taint UnschedulableTaint = new(Taint.UnschedulableKey, string.Empty, TaintEffect.NoSchedule);

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (!node.Unschedulable)
        {
            return Status.Success;
        }

        foreach (var toleration in pod.Pod.Spec.Tolerations)
        {
            if (toleration.Tolerates(UnschedulableTaint))
            {
                return Status.Success;
            }
        }

        return Status.UnschedulableAndUnresolvable(ErrReasonUnschedulable);
    }

    /// <inheritdoc />
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes)
    {
        ArgumentNullException.ThrowIfNull(state);
        if ((state.Facts & SnapshotFacts.NoUnschedulable) != 0)
        {
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (passes[i] && nodes[i].Unschedulable && !Filter(state, pod, nodes[i]).IsSuccess)
            {
                passes[i] = false;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint), IsSchedulableAfterNodeChange),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodTolerations), IsSchedulableAfterPodTolerationChange),
    ];

    /// <summary>
    /// Queueing hint for node events: requeue when a schedulable node is added or a node stops being
    /// unschedulable. Objects of the wrong type requeue.
    /// </summary>
    public static QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        if (newObject is not Node modified || (oldObject is not null && oldObject is not Node))
        {
            return QueueingHint.Queue;
        }

        var original = oldObject as Node;
        return (original is not null && original.Spec.Unschedulable && !modified.Spec.Unschedulable)
            || (original is null && !modified.Spec.Unschedulable)
            ? QueueingHint.Queue
            : QueueingHint.QueueSkip;
    }

    /// <summary>
    /// Queueing hint for toleration changes: requeue when the waiting pod itself now tolerates the
    /// unschedulable taint. Objects of the wrong type requeue.
    /// </summary>
    public static QueueingHint IsSchedulableAfterPodTolerationChange(Pod pod, object? oldObject, object? newObject)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (newObject is not Pod modified || (oldObject is not null && oldObject is not Pod))
        {
            return QueueingHint.Queue;
        }

        if (pod.Metadata.Uid != modified.Metadata.Uid)
        {
            return QueueingHint.QueueSkip;
        }

        foreach (var toleration in modified.Spec.Tolerations)
        {
            if (toleration.Tolerates(UnschedulableTaint))
            {
                return QueueingHint.Queue;
            }
        }

        return QueueingHint.QueueSkip;
    }
}
