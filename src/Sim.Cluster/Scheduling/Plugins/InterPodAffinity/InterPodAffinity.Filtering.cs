using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>PreFilter, its extensions and Filter (upstream's <c>filtering.go</c>).</summary>
public sealed partial class InterPodAffinity
{
    /// <summary>The reason when the node's domains lack a pod the incoming pod's required affinity asks for.</summary>
    public const string ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";

    /// <summary>The reason when the node's domains hold a pod the incoming pod's required anti-affinity repels.</summary>
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

    /// <summary>The reason when an existing pod's required anti-affinity repels the incoming pod from the node's domains.</summary>
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";

    private const string PreFilterStateKeyName = "PreFilter" + PluginName;

    // Upstream: fmt.Errorf("error reading %q from cycleState: %w", preFilterStateKey, framework.ErrNotFound).
    private const string ErrPreFilterStateNotFound = "error reading \"" + PreFilterStateKeyName + "\" from cycleState: not found";

    private static readonly StateKey<PreFilterState> PreFilterKey = new(PreFilterStateKeyName);

    /// <inheritdoc />
    /// <remarks>
    /// Counts, per topology pair, the existing pods whose required anti-affinity the pod matches (on the
    /// nodes that hold such pods) and the existing pods matching the pod's own required terms (on all
    /// nodes). Skips when the pod has no required terms and no existing pod's anti-affinity matches it.
    /// </remarks>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        result = null;
        var existingAntiAffinityCounts = ExistingAntiAffinityCounts(pod, _handle.Snapshot.HavePodsWithRequiredAntiAffinity);
        if (existingAntiAffinityCounts is null && pod.RequiredAffinityTerms.IsEmpty && pod.RequiredAntiAffinityTerms.IsEmpty)
        {
            return Status.Skip;
        }

        var (affinityCounts, antiAffinityCounts) = IncomingAffinityAntiAffinityCounts(pod, nodes);
        state.Write(PreFilterKey, new PreFilterState(pod, existingAntiAffinityCounts ?? new TopologyCounts(), affinityCounts, antiAffinityCounts));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToAdd);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return Status.Error(ErrPreFilterStateNotFound);
        }

        s.UpdateWithPod(podToAdd, node, 1);
        return Status.Success;
    }

    /// <inheritdoc />
    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToRemove);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return Status.Error(ErrPreFilterStateNotFound);
        }

        s.UpdateWithPod(podToRemove, node, -1);
        return Status.Success;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Unmet required affinity cannot be fixed by preemption (UnschedulableAndUnresolvable); anti-affinity,
    /// the pod's own or existing pods', can (Unschedulable). Allocates nothing.
    /// </remarks>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return Status.Error(ErrPreFilterStateNotFound);
        }

        var labels = node.Node.Metadata.Labels;
        if (!SatisfyPodAffinity(s, labels))
        {
            return Status.UnschedulableAndUnresolvable(ErrReasonAffinityRulesNotMatch);
        }

        if (!SatisfyPodAntiAffinity(s, labels))
        {
            return Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch);
        }

        if (s.ExistingAntiAffinityCounts.Count > 0 && s.ExistingAntiAffinityCounts.AnyPositive(labels))
        {
            return Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
        }

        return Status.Success;
    }

    /// <summary>The pre-filter counts in <paramref name="state"/>, for tests; null when PreFilter skipped or did not run.</summary>
    internal static PreFilterState? ReadPreFilterState(CycleState state) => state.Read(PreFilterKey);

    // Upstream's getExistingAntiAffinityCounts; null when no pair counts.
    private static TopologyCounts? ExistingAntiAffinityCounts(PodInfo pod, IReadOnlyList<NodeInfo> nodesWithRequiredAntiAffinity)
    {
        TopologyCounts? counts = null;
        for (var i = 0; i < nodesWithRequiredAntiAffinity.Count; i++)
        {
            var node = nodesWithRequiredAntiAffinity[i];
            var labels = node.Node.Metadata.Labels;
            var existingPods = node.PodsWithRequiredAntiAffinity;
            for (var j = 0; j < existingPods.Count; j++)
            {
                foreach (var term in existingPods[j].RequiredAntiAffinityTerms)
                {
                    if (term.Matches(pod.Pod) && labels.TryGetValue(term.TopologyKey, out var value))
                    {
                        (counts ??= new TopologyCounts()).Add(term.TopologyKey, value, 1);
                    }
                }
            }
        }

        return counts is { Count: > 0 } ? counts : null;
    }

    // Upstream's getIncomingAffinityAntiAffinityCounts.
    internal static (TopologyCounts Affinity, TopologyCounts AntiAffinity) IncomingAffinityAntiAffinityCounts(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var affinityCounts = new TopologyCounts();
        var antiAffinityCounts = new TopologyCounts();
        var affinityTerms = pod.RequiredAffinityTerms;
        var antiAffinityTerms = pod.RequiredAntiAffinityTerms;
        if (affinityTerms.IsEmpty && antiAffinityTerms.IsEmpty)
        {
            return (affinityCounts, antiAffinityCounts);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var labels = node.Node.Metadata.Labels;
            var existingPods = node.Pods;
            for (var j = 0; j < existingPods.Count; j++)
            {
                var existing = existingPods[j].Pod;
                affinityCounts.UpdateWithAffinityTerms(affinityTerms, existing, labels, 1);
                antiAffinityCounts.UpdateWithAntiAffinityTerms(antiAffinityTerms, existing, labels, 1);
            }
        }

        return (affinityCounts, antiAffinityCounts);
    }

    private static bool SatisfyPodAffinity(PreFilterState state, ImmutableSortedDictionary<string, string> labels)
    {
        var podsExist = true;
        foreach (var term in state.Pod.RequiredAffinityTerms)
        {
            if (!labels.TryGetValue(term.TopologyKey, out var value))
            {
                // All topology labels must exist on the node.
                return false;
            }

            if (state.AffinityCounts.Get(term.TopologyKey, value) <= 0)
            {
                podsExist = false;
            }
        }

        // The first pod of a group with affinity to itself: if no pod anywhere matches the terms and the
        // pod matches them itself, it may go to any node that has the topology labels.
        return podsExist || (state.AffinityCounts.Count == 0 && state.PodMatchesOwnAffinity);
    }

    private static bool SatisfyPodAntiAffinity(PreFilterState state, ImmutableSortedDictionary<string, string> labels)
    {
        if (state.AntiAffinityCounts.Count == 0)
        {
            return true;
        }

        foreach (var term in state.Pod.RequiredAntiAffinityTerms)
        {
            if (labels.TryGetValue(term.TopologyKey, out var value) && state.AntiAffinityCounts.Get(term.TopologyKey, value) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
