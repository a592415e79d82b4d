using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// NodeResourcesFit's queueing hints (upstream's <c>isSchedulableAfterPodEvent</c> and
/// <c>isSchedulableAfterNodeChange</c>), with InPlacePodVerticalScaling on, as it is by default since v1.33.
/// An object of the wrong type makes the hint answer <see cref="QueueingHint.Queue"/>, as upstream's error path does.
/// </summary>
internal static class FitQueueingHints
{
    /// <summary>A pod was deleted or scaled down: may that free what <paramref name="pod"/> needs?</summary>
    public static QueueingHint IsSchedulableAfterPodEvent(Pod pod, object? oldObject, object? newObject)
    {
        if (oldObject is not (null or Pod) || newObject is not (null or Pod) || oldObject is not Pod original)
        {
            return QueueingHint.Queue;
        }

        if (newObject is not Pod modified)
        {
            // A deleted pod frees resources only if it was on a node or nominated to one.
            return original.Spec.NodeName.Length == 0 && original.Status.NominatedNodeName.Length == 0 ? QueueingHint.QueueSkip : QueueingHint.Queue;
        }

        return IsSchedulableAfterPodScaleDown(pod, original, modified) ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>A node was added or its allocatable changed: may the pod fit now?</summary>
    public static QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        if (oldObject is not (null or Node) || newObject is not (null or Node))
        {
            return QueueingHint.Queue;
        }

        var modified = newObject as Node;
        if (!ResourceFit.IsFit(pod, modified))
        {
            return QueueingHint.QueueSkip;
        }

        if (oldObject is not Node original)
        {
            return QueueingHint.Queue;
        }

        return ResourceFit.HaveAnyRequestedResourcesIncreased(pod, original, modified!) ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>
    /// True when the update shrank the target pod itself, or shrank a resource the target pod requests
    /// in a pod on a node.
    /// </summary>
    private static bool IsSchedulableAfterPodScaleDown(Pod target, Pod original, Pod modified)
    {
        if (IsSamePod(modified, target))
        {
            return true;
        }

        if (modified.Spec.NodeName.Length == 0)
        {
            return false;
        }

        var before = original.Spec.Requests();
        var after = modified.Spec.Requests();
        var wanted = target.Spec.Requests();
        if ((wanted.MilliCpu != 0 && before.MilliCpu > after.MilliCpu)
            || (wanted.Memory != 0 && before.Memory > after.Memory)
            || (wanted.EphemeralStorage != 0 && before.EphemeralStorage > after.EphemeralStorage))
        {
            return true;
        }

        foreach (var (name, value) in wanted.Scalars)
        {
            if (value != 0 && SchedulerResourceNames.IsScalarResourceName(name) && before[name] > after[name])
            {
                return true;
            }
        }

        return false;
    }

    // Upstream compares UIDs; a pod without a uid (0) is compared by namespace and name.
    private static bool IsSamePod(Pod a, Pod b) =>
        a.Metadata.Uid != 0 || b.Metadata.Uid != 0 ? a.Metadata.Uid == b.Metadata.Uid : a.Key == b.Key;
}
