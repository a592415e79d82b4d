using System.Runtime.InteropServices;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>PreFilter, its AddPod/RemovePod extensions and Filter (upstream's <c>filtering.go</c>).</summary>
public sealed partial class PodTopologySpread : IPreFilterPlugin, IPreFilterExtensions, IFilterPlugin
{
    internal static readonly StateKey<PreFilterState> PreFilterKey = new("PreFilter" + PluginName);

    private static readonly Status MissingPreFilterState = Status.Error($"reading \"PreFilter{PluginName}\" from cycleState: not found");
    private static readonly Status NodeLabelNotMatch = Status.UnschedulableAndUnresolvable(ErrReasonNodeLabelNotMatch);
    private static readonly Status ConstraintsNotMatch = Status.Unschedulable(ErrReasonConstraintsNotMatch);

    /// <summary>
    /// Counts the matching pods per domain over all nodes; Skip when the pod has no DoNotSchedule constraint.
    /// When every node passes the inclusion policies, the counts per domain come from the plugin's index
    /// (kept up to date as pods come and go) instead of a pass over the nodes.
    /// </summary>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        result = null;
        var s = CalPreFilterState(pod.Pod, nodes);
        if (s is null)
        {
            return Status.Skip;
        }

        state.Write(PreFilterKey, s);
        return Status.Success;
    }

    /// <summary>Counts <paramref name="podToAdd"/> as if it ran on <paramref name="node"/>.</summary>
    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToAdd);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return MissingPreFilterState;
        }

        UpdateWithPod(s, podToAdd.Pod, node.Node, 1);
        return Status.Success;
    }

    /// <summary>Stops counting <paramref name="podToRemove"/> on <paramref name="node"/>.</summary>
    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(podToRemove);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return MissingPreFilterState;
        }

        UpdateWithPod(s, podToRemove.Pod, node.Node, -1);
        return Status.Success;
    }

    /// <summary>
    /// Rejects <paramref name="node"/> when it lacks a topology key (UnschedulableAndUnresolvable) or when
    /// placing the pod there would make some constraint's skew exceed its maxSkew (Unschedulable).
    /// </summary>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } s)
        {
            return MissingPreFilterState;
        }

        var constraints = s.Constraints;
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            if (!node.TryGetLabel(c.TopologyKey, out var value))
            {
                return NodeLabelNotMatch;
            }

            // 'existing matching num' + 'if self-match (1 or 0)' - 'global minimum' <= 'maxSkew'
            long minMatchNum = s.MinMatchNum(i, c.MinDomains);
            long selfMatchNum = s.SelfMatch[i] ? 1 : 0;
            long matchNum = s.TpValueToMatchNum[i].TryGetValue(value, out var count) ? count : 0;
            if (matchNum + selfMatchNum - minMatchNum > c.MaxSkew)
            {
                return ConstraintsNotMatch;
            }
        }

        return Status.Success;
    }

    /// <summary>Upstream's <c>calPreFilterState</c>; null when the pod has no DoNotSchedule constraint.</summary>
    internal PreFilterState? CalPreFilterState(Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = GetConstraints(pod, WhenUnsatisfiable.DoNotSchedule);
        if (constraints is null)
        {
            return null;
        }

        var s = new PreFilterState(pod, constraints, PodNodeAffinity.For(pod.Spec).Required);
        var snapshot = _handle.Snapshot;
        if (!Recount && ReferenceEquals(nodes, snapshot.NodeInfos) && IncludesAllNodes(pod, constraints))
        {
            CountFromIndex(s, snapshot);
        }
        else
        {
            CountOverNodes(s, nodes);
        }

        // The dictionaries' order (which of equal domains is First) cannot change a decision: Filter reads
        // only First's count, always the minimum, also after AddPod/RemovePod on one domain.
        for (var i = 0; i < constraints.Length; i++)
        {
            foreach (var (value, num) in s.TpValueToMatchNum[i])
            {
                s.Paths[i].Update(value, num);
            }
        }

        return s;
    }

    /// <summary>
    /// The counts per domain from the index: the domains are those of the nodes with every constraint's
    /// key (all nodes pass the inclusion policies), each with its matching pods or 0.
    /// </summary>
    private void CountFromIndex(PreFilterState s, Snapshot snapshot)
    {
        _index.Bind(snapshot);
        var constraints = s.Constraints;
        var requiredKeys = DomainSpec.SortedKeys(constraints, static c => c.TopologyKey);
        for (var i = 0; i < constraints.Length; i++)
        {
            var spec = DomainSpec.Of(constraints[i].TopologyKey, requiredKeys);
            var census = _index.Census(spec);
            var matching = MatchingOrNull(constraints[i], s.Pod.Metadata.Namespace)?.Domains(spec);
            var counts = s.TpValueToMatchNum[i];
            counts.EnsureCapacity(census.Count);
            foreach (var (value, _) in census)
            {
                counts.Add(value, matching is not null && matching.TryGetValue(value, out var num) ? (int)num : 0);
            }
        }
    }

    /// <summary>Upstream's pass over <paramref name="nodes"/>: each node with every key that passes the inclusion policies adds its matching pods to its domain.</summary>
    private void CountOverNodes(PreFilterState s, IReadOnlyList<NodeInfo> nodes)
    {
        var pod = s.Pod;
        var constraints = s.Constraints;
        var ns = pod.Metadata.Namespace;
        var matching = MatchingPerConstraint(constraints, ns);

        var values = TopologyValuesBuffer(constraints.Length);
        for (var n = 0; n < nodes.Count; n++)
        {
            var nodeInfo = nodes[n];
            var node = nodeInfo.Node;
            if (!TryGetTopologyValues(node.Metadata.Labels, constraints, values))
            {
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                if (!constraints[i].MatchNodeInclusionPolicies(pod, node, s.Affinity))
                {
                    continue;
                }

                ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(s.TpValueToMatchNum[i], values[i], out _);
                total += CountOn(nodeInfo, constraints[i], ns, matching[i]);
            }
        }
    }

    /// <summary>Upstream's <c>updateWithPod</c>: adds <paramref name="delta"/> for <paramref name="updatedPod"/> on <paramref name="node"/> to every constraint it counts for.</summary>
    private static void UpdateWithPod(PreFilterState s, Pod updatedPod, Node node, int delta)
    {
        if (!string.Equals(updatedPod.Metadata.Namespace, s.Pod.Metadata.Namespace, StringComparison.Ordinal))
        {
            return;
        }

        var labels = node.Metadata.Labels;
        if (!HasAllTopologyKeys(labels, s.Constraints))
        {
            return;
        }

        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (!c.Selector.Matches(updatedPod.Metadata.Labels) || !c.MatchNodeInclusionPolicies(s.Pod, node, s.Affinity))
            {
                continue;
            }

            s.Add(i, labels[c.TopologyKey], delta);
        }
    }
}
