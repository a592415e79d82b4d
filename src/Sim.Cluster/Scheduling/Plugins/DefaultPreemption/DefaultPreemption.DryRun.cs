using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>Finding candidates: which nodes to try, and the victims each would need.</summary>
public sealed partial class DefaultPreemption
{
    /// <summary>
    /// Upstream's <c>findCandidates</c>: the nodes where preemption might help, dry-run from a random
    /// offset with the budgets from the lister.
    /// </summary>
    public DryRunResult FindCandidates(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> allNodes, NodeToStatus filteredNodeStatuses)
    {
        var potentialNodes = NodesWherePreemptionMightHelp(allNodes, filteredNodeStatuses);
        if (potentialNodes.Count == 0)
        {
            return new DryRunResult([], new NodeToStatus(), []);
        }

        var pdbs = _handle.Lister.AllPodDisruptionBudgets().ToList();
        var (offset, numCandidates) = GetOffsetAndNumCandidates(potentialNodes.Count);
        return DryRunPreemption(state, pod, potentialNodes, pdbs, offset, numCandidates);
    }

    /// <summary>
    /// The nodes, in the given order, whose filter status is not UnschedulableAndUnresolvable (nodes
    /// without a recorded status have <see cref="NodeToStatus.AbsentNodesStatus"/>): removing pods
    /// cannot help on the others.
    /// </summary>
    public static IReadOnlyList<NodeInfo> NodesWherePreemptionMightHelp(IReadOnlyList<NodeInfo> nodes, NodeToStatus filteredNodeStatuses)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(filteredNodeStatuses);
        var potentialNodes = new List<NodeInfo>();
        foreach (var node in nodes)
        {
            if (filteredNodeStatuses.Get(node.Name).Code != StatusCode.UnschedulableAndUnresolvable)
            {
                potentialNodes.Add(node);
            }
        }

        return potentialNodes;
    }

    /// <summary>
    /// Upstream's <c>DryRunPreemption</c>, run sequentially: the nodes from <paramref name="offset"/> on
    /// (wrapping) each get <see cref="SelectVictimsOnNode"/> on a copy of the node and of the cycle
    /// state. Candidates violating no budget and the others are kept apart, at most
    /// <paramref name="numCandidates"/> of each; the search stops once there is at least one
    /// non-violating candidate and <paramref name="numCandidates"/> in all.
    /// </summary>
    public DryRunResult DryRunPreemption(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> potentialNodes, IReadOnlyList<PodDisruptionBudget> pdbs, int offset, int numCandidates)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(potentialNodes);
        ArgumentNullException.ThrowIfNull(pdbs);
        var nonViolating = new List<PreemptionCandidate>();
        var violating = new List<PreemptionCandidate>();
        var statuses = new NodeToStatus();
        var errors = new List<Status>();
        for (var i = 0; i < potentialNodes.Count; i++)
        {
            var original = potentialNodes[(offset + i) % potentialNodes.Count];
            if (!HasPotentialVictim(original, pod))
            {
                // What SelectVictimsOnNode answers for such a node, without copying the node and the state
                // first: with nothing to remove, the node cannot become a candidate.
                statuses.Set(original.Name, Status.UnschedulableAndUnresolvable("No preemption victims found for incoming pod"));
                continue;
            }

            var node = original.Clone();
            var status = SelectVictimsOnNode(state.Clone(), pod, node, pdbs, out var victims, out var numViolations);
            if (status.IsSuccess && victims.Count != 0)
            {
                var candidates = numViolations == 0 ? nonViolating : violating;
                if (candidates.Count < numCandidates)
                {
                    candidates.Add(new PreemptionCandidate(node.Name, victims, numViolations));
                }

                if (nonViolating.Count > 0 && nonViolating.Count + violating.Count >= numCandidates)
                {
                    break;
                }

                continue;
            }

            if (status.IsSuccess)
            {
                status = Status.Error($"expected at least one victim pod on node \"{node.Name}\"");
            }

            if (status.Code == StatusCode.Error)
            {
                errors.Add(status);
            }

            statuses.Set(node.Name, status);
        }

        return new DryRunResult([.. nonViolating, .. violating], statuses, errors);
    }

    private bool HasPotentialVictim(NodeInfo node, PodInfo pod)
    {
        foreach (var info in node.Pods)
        {
            if (IsPreemptionAllowed(node, info, pod.Pod))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Upstream's <c>SelectVictimsOnNode</c>, on a <paramref name="node"/> and <paramref name="state"/>
    /// the caller lets it change: remove every pod the preemptor may preempt; if the preemptor still
    /// does not pass the filters (nominated pods counted), the node is no candidate. Otherwise add the
    /// removed pods back, most important first — those whose eviction would violate a budget before
    /// the others — keeping each that still lets the preemptor fit. The rest are the victims.
    /// </summary>
    public Status SelectVictimsOnNode(CycleState state, PodInfo pod, NodeInfo node, IReadOnlyList<PodDisruptionBudget> pdbs, out IReadOnlyList<Pod> victims, out int numViolatingVictims)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(pdbs);
        victims = [];
        numViolatingVictims = 0;
        var profile = _handle.Profile;
        var potentialVictims = new List<PodInfo>();
        foreach (var info in node.Pods)
        {
            if (IsPreemptionAllowed(node, info, pod.Pod))
            {
                potentialVictims.Add(info);
            }
        }

        foreach (var info in potentialVictims)
        {
            node.RemovePod(info.Pod);
            var removed = profile.RunPreFilterExtensionRemovePod(state, pod, info, node);
            if (!removed.IsSuccess)
            {
                return removed;
            }
        }

        if (potentialVictims.Count == 0)
        {
            return Status.UnschedulableAndUnresolvable("No preemption victims found for incoming pod");
        }

        var fits = profile.RunFilterPluginsWithNominatedPods(state, pod, node, _handle.Nominator);
        if (!fits.IsSuccess)
        {
            return fits;
        }

        // Most important first; a stable sort, so equally important pods keep the node's order.
        var sorted = SortByImportance(potentialVictims);
        var violating = new List<PodInfo>();
        var nonViolating = new List<PodInfo>();
        PdbViolations.Split(sorted, pdbs, violating, nonViolating);
        var chosen = new List<PodInfo>();
        foreach (var info in violating)
        {
            var status = Reprieve(state, pod, node, info, chosen, out var reprieved);
            if (!status.IsSuccess)
            {
                return status;
            }

            if (!reprieved)
            {
                numViolatingVictims++;
            }
        }

        foreach (var info in nonViolating)
        {
            var status = Reprieve(state, pod, node, info, chosen, out _);
            if (!status.IsSuccess)
            {
                return status;
            }
        }

        if (violating.Count != 0 && nonViolating.Count != 0)
        {
            chosen = SortByImportance(chosen);
        }

        victims = [.. chosen.Select(static p => p.Pod)];
        return Status.Success;
    }

    private Status Reprieve(CycleState state, PodInfo pod, NodeInfo node, PodInfo candidate, List<PodInfo> victims, out bool reprieved)
    {
        var profile = _handle.Profile;
        reprieved = false;
        node.AddPod(candidate);
        var added = profile.RunPreFilterExtensionAddPod(state, pod, candidate, node);
        if (!added.IsSuccess)
        {
            return added;
        }

        reprieved = profile.RunFilterPluginsWithNominatedPods(state, pod, node, _handle.Nominator).IsSuccess;
        if (!reprieved)
        {
            node.RemovePod(candidate.Pod);
            var removed = profile.RunPreFilterExtensionRemovePod(state, pod, candidate, node);
            if (!removed.IsSuccess)
            {
                return removed;
            }

            victims.Add(candidate);
        }

        return Status.Success;
    }

    private List<PodInfo> SortByImportance(List<PodInfo> pods)
    {
        var more = MoreImportantPod;
        return [.. pods.Order(Comparer<PodInfo>.Create((a, b) => more(a.Pod, b.Pod) ? -1 : more(b.Pod, a.Pod) ? 1 : 0))];
    }
}
