using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeName;

/// <summary>A pod that names a node in <c>spec.nodeName</c> fits only that node.</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/nodename/node_name.go</c>.</remarks>
public sealed class NodeName : IBatchFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeName";

    /// <summary>The rejection reason.</summary>
    public const string ErrReason = "node(s) didn't match the requested node name";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>True when the pod names no node or names <paramref name="node"/>.</summary>
    public static bool Fits(Pod pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        return pod.Spec.NodeName.Length == 0 || pod.Spec.NodeName == node.Name;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Fits(pod.Pod, node) ? Status.Success : Status.UnschedulableAndUnresolvable(ErrReason);
    }

    /// <inheritdoc />
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Pod.Spec.NodeName.Length == 0)
        {
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (passes[i] && !Fits(pod.Pod, nodes[i]))
            {
                passes[i] = false;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
        [new(new ClusterEvent(EventResource.Node, ActionType.Add))];
}
