using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Which pods matter more when choosing victims (upstream's <c>util.MoreImportantPod</c>,
/// <c>GetPodStartTime</c> and <c>GetEarliestPodStartTime</c>).
/// </summary>
public static class PodImportance
{
    /// <summary>True when <paramref name="a"/> has the higher priority, or the same priority and started earlier.</summary>
    public static bool MoreImportant(Pod a, Pod b, SimTime now)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var p1 = a.Spec.Priority;
        var p2 = b.Spec.Priority;
        if (p1 != p2)
        {
            return p1 > p2;
        }

        return StartTime(a, now) < StartTime(b, now);
    }

    /// <summary>When the pod started; <paramref name="now"/> for pods that have not started yet (assumed or just bound).</summary>
    public static SimTime StartTime(Pod pod, SimTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status.StartedAt ?? now;
    }

    /// <summary>The earliest start time among the victims of the highest priority.</summary>
    public static SimTime EarliestStartTimeOfHighestPriority(IReadOnlyList<Pod> victims, SimTime now)
    {
        ArgumentNullException.ThrowIfNull(victims);
        var earliest = StartTime(victims[0], now);
        var maxPriority = victims[0].Spec.Priority;
        foreach (var pod in victims)
        {
            var priority = pod.Spec.Priority;
            if (priority == maxPriority)
            {
                var start = StartTime(pod, now);
                if (start < earliest)
                {
                    earliest = start;
                }
            }
            else if (priority > maxPriority)
            {
                maxPriority = priority;
                earliest = StartTime(pod, now);
            }
        }

        return earliest;
    }
}
