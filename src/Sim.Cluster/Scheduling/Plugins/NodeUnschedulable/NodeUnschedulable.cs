using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeUnschedulable;

/// <summary>Rejects nodes marked unschedulable (cordoned) unless the pod tolerates the <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint.</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go</c>.</remarks>
public sealed class NodeUnschedulable : IFilterPlugin, IEnqueueExtensions
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
        if (!node.Node.Spec.Unschedulable)
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
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint)),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodTolerations)),
    ];
}
