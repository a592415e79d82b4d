using Sim.Scheduling.Plugins.TopologyIndex;

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
    /// The counts are read from the plugin's index, kept up to date as pods come and go, instead of
    /// recounted over every pod; Filter reads them in place.
    /// </remarks>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        result = null;
        var snapshot = _handle.Snapshot;
        if (Recount)
        {
            return PreFilterByRecount(state, pod, nodes);
        }

        _index.Bind(snapshot);
        var existingAntiAffinityCounts = ExistingAntiAffinityCounts(pod);
        if (existingAntiAffinityCounts is null && pod.RequiredAffinityTerms.IsEmpty && pod.RequiredAntiAffinityTerms.IsEmpty)
        {
            return Status.Skip;
        }

        // The index counts the snapshot's pods: any other node list is counted the long way.
        var (affinityCounts, antiAffinityCounts) = ReferenceEquals(nodes, snapshot.NodeInfos)
            ? IncomingAffinityAntiAffinityCounts(pod)
            : IncomingAffinityAntiAffinityCounts(pod, nodes);
        state.Write(PreFilterKey, new PreFilterState(pod, existingAntiAffinityCounts ?? new TopologyCounts(), affinityCounts, antiAffinityCounts));
        return Status.Success;
    }

    /// <summary>PreFilter as upstream: the counts over every pod with required anti-affinity and every pod of <paramref name="nodes"/>.</summary>
    private Status PreFilterByRecount(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
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

        if (TryGetColumns(s, node.Table, out var antiAffinity, out var existingAntiAffinity) && node.TryGetIndexSlot(_index, out var slot) && slot >= 0)
        {
            // As FilterNodes: the node's domains are its own, read by its row and slot.
            var row = node.TableIndex;
            return TopologyCounts.AnyPositiveAt(antiAffinity, row, slot) ? Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch)
                : TopologyCounts.AnyPositiveAt(existingAntiAffinity, row, slot) ? Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch)
                : Status.Success;
        }

        var labels = new NodeLabels(node);
        if (!SatisfyPodAffinity(s, ref labels))
        {
            return Status.UnschedulableAndUnresolvable(ErrReasonAffinityRulesNotMatch);
        }

        if (!SatisfyPodAntiAffinity(s, ref labels))
        {
            return Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch);
        }

        if (!SatisfyExistingPodsAntiAffinity(s, ref labels))
        {
            return Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
        }

        return Status.Success;
    }

    /// <summary>Filter's verdict on each node still passing, with the PreFilter state read once for the run.</summary>
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreFilterKey) is not { } s)
        {
            // Filter reports the missing state for every node.
            passes.Clear();
            return;
        }

        if (NodeTable.TryGetWindow(nodes, out var table, out var start)
            && TryGetColumns(s, table, out var antiAffinity, out var existingAntiAffinity)
            && table.IndexSlots(_index) is { } slots)
        {
            // Every key's values are distinct among the nodes (hostnames): a domain's count is the node's,
            // read by the node's row and slot instead of through its label and a string lookup.
            for (var i = 0; i < nodes.Length; i++)
            {
                if (!passes[i])
                {
                    continue;
                }

                var row = start + i;
                var slot = slots[row];
                if (slot < 0)
                {
                    passes[i] = Satisfies(s, nodes[i]);
                    continue;
                }

                passes[i] = !TopologyCounts.AnyPositiveAt(antiAffinity, row, slot) && !TopologyCounts.AnyPositiveAt(existingAntiAffinity, row, slot);
            }

            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (passes[i])
            {
                passes[i] = Satisfies(s, nodes[i]);
            }
        }
    }

    /// <summary>
    /// The anti-affinity counts as columns of <paramref name="table"/> (<see cref="TopologyCounts.TryGetColumns"/>),
    /// when the pod has no required affinity terms (those are read through the node's labels) and both counts
    /// allow it.
    /// </summary>
    private static bool TryGetColumns(PreFilterState s, NodeTable? table, out (int[] Ids, ISlotCounts Counts)[] antiAffinity, out (int[] Ids, ISlotCounts Counts)[] existingAntiAffinity)
    {
        antiAffinity = existingAntiAffinity = [];
        return s.Pod.RequiredAffinityTerms.IsEmpty && table is { Current: true }
            && s.AntiAffinityCounts.TryGetColumns(table, out antiAffinity)
            && s.ExistingAntiAffinityCounts.TryGetColumns(table, out existingAntiAffinity);
    }

    private static bool Satisfies(PreFilterState s, NodeInfo node)
    {
        var labels = new NodeLabels(node);
        return SatisfyPodAffinity(s, ref labels) && SatisfyPodAntiAffinity(s, ref labels) && SatisfyExistingPodsAntiAffinity(s, ref labels);
    }

    /// <summary>The pre-filter counts in <paramref name="state"/>, for tests; null when PreFilter skipped or did not run.</summary>
    internal static PreFilterState? ReadPreFilterState(CycleState state) => state.Read(PreFilterKey);

    // Upstream's getExistingAntiAffinityCounts over the index's groups of placed pods' required
    // anti-affinity terms: the groups whose term the pod matches; null when no pair counts.
    private TopologyCounts? ExistingAntiAffinityCounts(PodInfo pod)
    {
        List<(string Key, Dictionary<string, long> Counts)>? sources = null;
        List<ISlotCounts>? slotSources = null;
        foreach (var group in _index.Groups(TermKind.RequiredAntiAffinity))
        {
            if (group.Counts.Count != 0 && group.Term.Matches(pod.Pod))
            {
                (sources ??= []).Add((group.Key, group.Counts));
                (slotSources ??= []).Add(group);
            }
        }

        return sources is null ? null : TopologyCounts.Over(_index, [.. sources], [.. slotSources!]);
    }

    // Upstream's incoming counts from the index: per required (anti-)affinity term, the pods matching it
    // (all affinity terms at once) per domain of the term's key.
    private (TopologyCounts Affinity, TopologyCounts AntiAffinity) IncomingAffinityAntiAffinityCounts(PodInfo pod)
    {
        var affinityTerms = pod.RequiredAffinityTerms;
        var antiAffinityTerms = pod.RequiredAntiAffinityTerms;
        if (affinityTerms.IsEmpty && antiAffinityTerms.IsEmpty)
        {
            return (new TopologyCounts(), new TopologyCounts());
        }

        var affinity = new (string Key, Dictionary<string, long> Counts)[affinityTerms.Length];
        if (!affinityTerms.IsEmpty)
        {
            var matchingAll = _index.Matching(PodMatcher.ForAllTerms(affinityTerms));
            for (var i = 0; i < affinityTerms.Length; i++)
            {
                affinity[i] = (affinityTerms[i].TopologyKey, matchingAll.Domains(DomainSpec.Of(affinityTerms[i].TopologyKey)));
            }
        }

        var antiAffinity = new (string Key, Dictionary<string, long> Counts)[antiAffinityTerms.Length];
        var antiAffinityBySlot = new ISlotCounts[antiAffinityTerms.Length];
        for (var i = 0; i < antiAffinityTerms.Length; i++)
        {
            var term = antiAffinityTerms[i];
            var matching = _index.Matching(PodMatcher.ForTerm(term));
            antiAffinity[i] = (term.TopologyKey, matching.Domains(DomainSpec.Of(term.TopologyKey)));
            antiAffinityBySlot[i] = matching;
        }

        return (TopologyCounts.Over(_index, affinity), TopologyCounts.Over(_index, antiAffinity, antiAffinityBySlot));
    }

    // Upstream's getExistingAntiAffinityCounts over the nodes holding pods with required anti-affinity.
    internal static TopologyCounts? ExistingAntiAffinityCounts(PodInfo pod, IReadOnlyList<NodeInfo> nodesWithRequiredAntiAffinity)
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

    private static bool SatisfyPodAffinity(PreFilterState state, ref NodeLabels labels)
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
        return podsExist || (state.AffinityCounts.IsEmpty && state.PodMatchesOwnAffinity);
    }

    private static bool SatisfyExistingPodsAntiAffinity(PreFilterState state, ref NodeLabels labels) =>
        state.ExistingAntiAffinityCounts.IsEmpty || !state.ExistingAntiAffinityCounts.AnyPositive(ref labels);

    private static bool SatisfyPodAntiAffinity(PreFilterState state, ref NodeLabels labels)
    {
        if (state.AntiAffinityCounts.IsEmpty)
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
