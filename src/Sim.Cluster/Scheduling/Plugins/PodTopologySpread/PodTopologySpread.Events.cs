using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>The cluster events that may make a pod this plugin rejected schedulable, with upstream's queueing hints (<c>plugin.go</c>).</summary>
public sealed partial class PodTopologySpread : IEnqueueExtensions
{
    /// <summary>
    /// Assigned pods added, deleted or relabelled; the pod's own labels changing (whether it matches its
    /// selectors) or tolerations (they matter to constraints with <c>nodeTaintsPolicy: Honor</c>), which
    /// upstream's one Pod resource covers; and nodes added, deleted, relabelled or retainted.
    /// </summary>
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete), IsSchedulableAfterPodChange),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations), IsSchedulableAfterPodChange),
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint), IsSchedulableAfterNodeChange),
    ];

    /// <summary>
    /// Upstream's <c>isSchedulableAfterPodChange</c>: Queue when an assigned pod of the namespace that a
    /// DoNotSchedule selector matches is added or deleted, when a label change flips whether a selector
    /// matches it, or when the pod itself gains tolerations and a constraint honours taints.
    /// </summary>
    internal QueueingHint IsSchedulableAfterPodChange(Pod pod, object? oldObject, object? newObject)
    {
        if (oldObject is not (null or Pod) || newObject is not (null or Pod))
        {
            return QueueingHint.Queue;
        }

        var original = (Pod?)oldObject;
        var modified = (Pod?)newObject;
        if ((modified is not null && !InvolvedInTopologySpreading(modified, pod)) || (original is not null && !InvolvedInTopologySpreading(original, pod)))
        {
            return QueueingHint.QueueSkip;
        }

        var constraints = GetConstraints(pod, WhenUnsatisfiable.DoNotSchedule) ?? [];
        if (modified is not null && original is not null)
        {
            if (modified.Metadata.Uid == pod.Metadata.Uid && !modified.Spec.Tolerations.SequenceEqual(original.Spec.Tolerations) && HasNodeTaintsPolicyHonor(constraints))
            {
                return QueueingHint.Queue;
            }

            if (modified.Metadata.Labels.SequenceEqual(original.Metadata.Labels))
            {
                return QueueingHint.QueueSkip;
            }

            foreach (var c in constraints)
            {
                if (c.Selector.Matches(original.Metadata.Labels) != c.Selector.Matches(modified.Metadata.Labels))
                {
                    return QueueingHint.Queue;
                }
            }

            return QueueingHint.QueueSkip;
        }

        var changed = modified ?? original;
        return changed is not null && AnySelectorMatches(constraints, changed) ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>
    /// Upstream's <c>isSchedulableAfterNodeChange</c>: Queue when a node with every topology key is added
    /// or deleted, when an update gains or loses one, or changes a topology value or the taints of a node that has them all.
    /// </summary>
    internal QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        if (oldObject is not (null or Node) || newObject is not (null or Node))
        {
            return QueueingHint.Queue;
        }

        var original = (Node?)oldObject;
        var modified = (Node?)newObject;
        var constraints = GetConstraints(pod, WhenUnsatisfiable.DoNotSchedule) ?? [];
        var originalMatching = original is not null && HasAllTopologyKeys(original.Metadata.Labels, constraints);
        var modifiedMatching = modified is not null && HasAllTopologyKeys(modified.Metadata.Labels, constraints);
        if (original is not null && modified is not null)
        {
            if (originalMatching != modifiedMatching)
            {
                return QueueingHint.Queue;
            }

            return modifiedMatching && (TopologyValuesChanged(original, modified, constraints) || !original.Spec.Taints.SequenceEqual(modified.Spec.Taints))
                ? QueueingHint.Queue
                : QueueingHint.QueueSkip;
        }

        return (modified is not null ? modifiedMatching : originalMatching) ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>Whether <paramref name="incoming"/> takes part in <paramref name="podWithSpreading"/>'s spreading: the pod itself (same uid, as upstream), or an assigned pod of its namespace.</summary>
    private static bool InvolvedInTopologySpreading(Pod incoming, Pod podWithSpreading) =>
        incoming.Metadata.Uid == podWithSpreading.Metadata.Uid
        || (incoming.IsBound && string.Equals(incoming.Metadata.Namespace, podWithSpreading.Metadata.Namespace, StringComparison.Ordinal));

    private static bool HasNodeTaintsPolicyHonor(SpreadConstraint[] constraints)
    {
        foreach (var c in constraints)
        {
            if (c.NodeTaintsPolicy == NodeInclusionPolicy.Honor)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnySelectorMatches(SpreadConstraint[] constraints, Pod pod)
    {
        foreach (var c in constraints)
        {
            if (c.Selector.Matches(pod.Metadata.Labels))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TopologyValuesChanged(Node original, Node modified, SpreadConstraint[] constraints)
    {
        foreach (var c in constraints)
        {
            if (original.Metadata.Labels.GetValueOrDefault(c.TopologyKey) != modified.Metadata.Labels.GetValueOrDefault(c.TopologyKey))
            {
                return true;
            }
        }

        return false;
    }
}
