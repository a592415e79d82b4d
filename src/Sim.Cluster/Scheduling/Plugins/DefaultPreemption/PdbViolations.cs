using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>Upstream's <c>filterPodsWithPDBViolation</c>: which victims would take a disruption budget below zero.</summary>
public static class PdbViolations
{
    /// <summary>
    /// Splits <paramref name="pods"/>, keeping their order, into those whose eviction (in this order)
    /// would leave some matching budget with fewer than zero disruptions allowed, and the others. A pod
    /// the budget already lists among its disrupted pods is not counted against it again; a budget with
    /// an empty selector matches nothing.
    /// </summary>
    public static void Split(IReadOnlyList<PodInfo> pods, IReadOnlyList<PodDisruptionBudget> pdbs, List<PodInfo> violating, List<PodInfo> nonViolating)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(pdbs);
        ArgumentNullException.ThrowIfNull(violating);
        ArgumentNullException.ThrowIfNull(nonViolating);
        var allowed = new int[pdbs.Count];
        for (var i = 0; i < pdbs.Count; i++)
        {
            allowed[i] = pdbs[i].Status.DisruptionsAllowed;
        }

        foreach (var info in pods)
        {
            var pod = info.Pod;
            var violated = false;
            if (pod.Metadata.Labels.Count != 0)
            {
                for (var i = 0; i < pdbs.Count; i++)
                {
                    var pdb = pdbs[i];
                    if (pdb.Metadata.Namespace != pod.Metadata.Namespace)
                    {
                        continue;
                    }

                    var selector = pdb.Selector;
                    if (selector.IsEmpty || selector.MatchesNothing || !selector.Matches(pod.Metadata.Labels))
                    {
                        continue;
                    }

                    if (pdb.Status.DisruptedPods.ContainsKey(pod.Metadata.Name))
                    {
                        continue;
                    }

                    allowed[i]--;
                    if (allowed[i] < 0)
                    {
                        violated = true;
                    }
                }
            }

            (violated ? violating : nonViolating).Add(info);
        }
    }
}
