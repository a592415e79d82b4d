using Sim.Engine;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>SelectCandidate</c> and <c>pickOneNodeForPreemption</c>: the candidate whose victims
/// hurt least, by these criteria in order, each deciding only among those tied on the ones before:
/// fewest budget violations; lowest highest victim priority; smallest sum of victim priorities (each
/// offset by 2³¹ so that more victims never look cheaper); fewest victims; latest start of the
/// highest-priority victims; then the first remaining. Upstream iterates a map there, so its "first"
/// is arbitrary; here it is the first in the dry run's order.
/// </summary>
public static class CandidateSelection
{
    private static readonly Func<PreemptionCandidate, SimTime, long>[] Criteria =
    [
        static (c, _) => -c.NumPdbViolations,
        static (c, _) => -(long)c.Victims[0].Spec.Priority,
        static (c, _) => -SumOfPriorities(c),
        static (c, _) => -(long)c.Victims.Count,
        static (c, now) => PodImportance.EarliestStartTimeOfHighestPriority(c.Victims, now).Ticks,
    ];

    /// <summary>The best candidate, or null when there is none. Every candidate must have at least one victim.</summary>
    public static PreemptionCandidate? Select(IReadOnlyList<PreemptionCandidate> candidates, SimTime now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count <= 1)
        {
            return candidates.Count == 0 ? null : candidates[0];
        }

        var remaining = new List<PreemptionCandidate>(candidates);
        var selected = new List<PreemptionCandidate>(candidates.Count);
        foreach (var score in Criteria)
        {
            selected.Clear();
            var max = long.MinValue;
            foreach (var candidate in remaining)
            {
                var value = score(candidate, now);
                if (value > max)
                {
                    max = value;
                    selected.Clear();
                }

                if (value == max)
                {
                    selected.Add(candidate);
                }
            }

            if (selected.Count == 1)
            {
                return selected[0];
            }

            (remaining, selected) = (selected, remaining);
        }

        return remaining[0];
    }

    private static long SumOfPriorities(PreemptionCandidate candidate)
    {
        long sum = 0;
        foreach (var pod in candidate.Victims)
        {
            sum += pod.Spec.Priority + ((long)int.MaxValue + 1);
        }

        return sum;
    }
}
