using Sim.Cluster;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodePorts;

/// <summary>Rejects nodes where a host port the pod asks for is already taken (same protocol and port, on the same address or on 0.0.0.0).</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/nodeports/node_ports.go</c>.</remarks>
public sealed class NodePorts : IPreFilterPlugin, IFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodePorts";

    /// <summary>The rejection reason.</summary>
    public const string ErrReason = "node(s) didn't have free ports for the requested pod ports";

    private static readonly StateKey<PreFilterState> PreFilterKey = new("PreFilter" + PluginName);

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        if (!pod.HasHostPorts)
        {
            // A pod without host ports cannot conflict.
            return Status.Skip;
        }

        state.Write(PreFilterKey, new PreFilterState([.. PodInfo.HostPorts(pod.Pod)]));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } wanted)
        {
            return Status.Error($"reading \"PreFilter{PluginName}\" from cycleState: not found");
        }

        return FitsPorts(wanted.Ports, node.UsedPorts) ? Status.Success : Status.Unschedulable(ErrReason);
    }

    /// <summary>True when none of the pod's host ports conflicts with those in use on <paramref name="node"/> (upstream's <c>Fits</c>).</summary>
    public static bool Fits(Pod pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        return FitsPorts([.. PodInfo.HostPorts(pod)], node.UsedPorts);
    }

    /// <inheritdoc />
    /// <remarks>Host ports cannot change on a pod, so pod updates are not registered.</remarks>
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete), IsSchedulableAfterPodDeleted),
        new(new ClusterEvent(EventResource.Node, ActionType.Add)),
    ];

    /// <summary>
    /// Queueing hint for pod deletions: requeue only when the deleted pod was on (or nominated to) a node
    /// and held a host port that conflicts with one the waiting pod asks for. Objects of the wrong type requeue.
    /// </summary>
    public static QueueingHint IsSchedulableAfterPodDeleted(Pod pod, object? oldObject, object? newObject)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (oldObject is not Pod deleted)
        {
            return QueueingHint.Queue;
        }

        if (deleted.Spec.NodeName.Length == 0 && deleted.Status.NominatedNodeName.Length == 0)
        {
            return QueueingHint.QueueSkip;
        }

        var released = new HostPortInfo();
        foreach (var port in PodInfo.HostPorts(deleted))
        {
            released.Add(port.HostIP, port.Protocol, port.HostPort);
        }

        if (released.Count == 0)
        {
            return QueueingHint.QueueSkip;
        }

        return FitsPorts([.. PodInfo.HostPorts(pod)], released) ? QueueingHint.QueueSkip : QueueingHint.Queue;
    }

    private static bool FitsPorts(ContainerPort[] wanted, HostPortInfo inUse)
    {
        foreach (var port in wanted)
        {
            if (inUse.CheckConflict(port.HostIP, port.Protocol, port.HostPort))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The pod's host ports; they do not change when preemption adds or removes pods, so clones share them.</summary>
    private sealed class PreFilterState(ContainerPort[] ports) : IStateData
    {
        public ContainerPort[] Ports { get; } = ports;

        public IStateData Clone() => this;
    }
}
