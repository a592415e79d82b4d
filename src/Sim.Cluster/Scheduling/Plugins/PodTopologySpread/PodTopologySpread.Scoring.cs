using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>PreScore, Score and NormalizeScore (upstream's <c>scoring.go</c>).</summary>
public sealed partial class PodTopologySpread : IPreScorePlugin, IBatchScorePlugin, IBatchScoreExtensions
{
    internal static readonly StateKey<PreScoreState> PreScoreKey = new("PreScore" + PluginName);

    private const long InvalidScore = -1;

    // The first few domains InitPreScoreState added per constraint (PreScoreState.MaxFewDomains each).
    private string[] _seenDomains = [];

    /// <summary>
    /// Counts the matching pods per domain of the feasible nodes over all nodes; Skip when the pod has no
    /// ScheduleAnyway constraint (its own, or defaults from its owners) or there are no nodes. When every
    /// node passes the inclusion policies, the counts per domain come from the plugin's index instead of
    /// a pass over all nodes; hostname constraints are counted per node in Score, from the index too.
    /// </summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        var allNodes = _handle.Snapshot.NodeInfos;
        if (allNodes.Count == 0)
        {
            return Status.Skip;
        }

        var p = pod.Pod;

        // Only the pod's own constraints require nodes to have every topology key: with the system
        // defaults, nodes without a zone label still spread by hostname.
        var requireAllTopologies = !p.Spec.TopologySpreadConstraints.IsDefaultOrEmpty || !_systemDefaulted;
        var constraints = GetConstraints(p, WhenUnsatisfiable.ScheduleAnyway);
        if (constraints is null)
        {
            return Status.Skip;
        }

        var ns = p.Metadata.Namespace;
        var counts = MatchingPerConstraint(constraints, ns);
        var s = new PreScoreState(constraints, counts, ns);
        InitPreScoreState(s, nodes, requireAllTopologies);
        if (!Recount && IncludesAllNodes(p, constraints))
        {
            CountFromIndex(s, counts, requireAllTopologies);
            s.Seal();
            state.Write(PreScoreKey, s);
            return Status.Success;
        }

        var affinity = PodNodeAffinity.For(p.Spec).Required;
        var values = TopologyValuesBuffer(constraints.Length);
        var domains = 0;
        foreach (var map in s.TopologyValueToPodCounts)
        {
            domains += map.Count;
        }

        // With hostname constraints only (or no scored node), there is nothing to count over all nodes.
        for (var n = 0; domains != 0 && n < allNodes.Count; n++)
        {
            var nodeInfo = allNodes[n];
            var node = nodeInfo.Node;
            var labels = node.Metadata.Labels;
            if (requireAllTopologies)
            {
                if (!TryGetTopologyValues(labels, constraints, values))
                {
                    continue;
                }
            }
            else
            {
                for (var i = 0; i < constraints.Length; i++)
                {
                    values[i] = labels.GetValueOrDefault(constraints[i].TopologyKey, string.Empty);
                }
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                // Domains of no feasible node, and per-node (hostname) counts, are left to Score.
                ref var total = ref CollectionsMarshal.GetValueRefOrNullRef(s.TopologyValueToPodCounts[i], values[i]);
                if (Unsafe.IsNullRef(ref total) || !constraints[i].MatchNodeInclusionPolicies(p, node, affinity))
                {
                    continue;
                }

                total += CountOn(nodeInfo, constraints[i], ns, counts[i]);
            }
        }

        s.Seal();
        state.Write(PreScoreKey, s);
        return Status.Success;
    }

    /// <summary>
    /// The node's raw score: per constraint whose key the node has, <c>count·weight + (maxSkew − 1)</c>,
    /// summed and rounded; 0 for an ignored node.
    /// </summary>
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        return state.Read(PreScoreKey) is { } s ? ScoreOf(s, node) : 0;
    }

    /// <summary><see cref="Score"/> of each of <paramref name="nodes"/>, with the state read once.</summary>
    public void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey) is not { } s)
        {
            scores[..nodes.Length].Clear();
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = ScoreOf(s, nodes[i]);
        }
    }

    private static long ScoreOf(PreScoreState s, NodeInfo node)
    {
        if (s.IgnoredNodes.Count != 0 && s.IgnoredNodes.Contains(node.Name))
        {
            return 0;
        }

        double score = 0;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (!node.TryGetLabel(c.TopologyKey, out var value))
            {
                continue;
            }

            var count = c.IsHostname ? CountOn(node, c, s.Namespace, s.HostCounts[i]) : s.DomainCount(i, value);
            score += ScoreForCount(count, c.MaxSkew, s.TopologyNormalizingWeight[i]);
        }

        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Ignored nodes get 0; when every other raw score is 0 they all get 100; otherwise
    /// <c>100·(max + min − score)/max</c>, so the emptiest domains score highest.
    /// </summary>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey) is not { } s)
        {
            return Status.Error($"error reading \"PreScore{PluginName}\" from cycleState: not found");
        }

        var minScore = long.MaxValue;
        long maxScore = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.IgnoredNodes.Count != 0 && s.IgnoredNodes.Contains(scores[i].Name))
            {
                scores[i].Score = InvalidScore;
                continue;
            }

            minScore = Math.Min(minScore, scores[i].Score);
            maxScore = Math.Max(maxScore, scores[i].Score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i].Score = Normalized(scores[i].Score, minScore, maxScore);
        }

        return Status.Success;
    }

    /// <summary><see cref="NormalizeScore"/> over the scores of <paramref name="nodes"/>, by position.</summary>
    public Status NormalizeScores(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey) is not { } s)
        {
            return Status.Error($"error reading \"PreScore{PluginName}\" from cycleState: not found");
        }

        var minScore = long.MaxValue;
        long maxScore = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (s.IgnoredNodes.Count != 0 && s.IgnoredNodes.Contains(nodes[i].Name))
            {
                scores[i] = InvalidScore;
                continue;
            }

            minScore = Math.Min(minScore, scores[i]);
            maxScore = Math.Max(maxScore, scores[i]);
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = Normalized(scores[i], minScore, maxScore);
        }

        return Status.Success;
    }

    /// <summary>
    /// Ignored nodes (<see cref="InvalidScore"/>) get 0; when every other raw score is 0 they all get 100;
    /// otherwise <c>100·(max + min − score)/max</c>.
    /// </summary>
    private static long Normalized(long score, long minScore, long maxScore) =>
        score == InvalidScore ? 0 : maxScore == 0 ? 100 : 100 * (maxScore + minScore - score) / maxScore;

    /// <summary>
    /// The counts of the domains of the feasible nodes from the index: a domain's matching pods on the
    /// nodes with every key (or, without <paramref name="requireAllTopologies"/>, on all nodes, those
    /// without the key in the domain "").
    /// </summary>
    private static void CountFromIndex(PreScoreState s, MatchingPods?[] counts, bool requireAllTopologies)
    {
        var constraints = s.Constraints;
        var requiredKeys = requireAllTopologies ? DomainSpec.SortedKeys(constraints, static c => c.TopologyKey) : [];
        for (var i = 0; i < constraints.Length; i++)
        {
            var totals = s.TopologyValueToPodCounts[i];
            if (constraints[i].IsHostname || totals.Count == 0 || counts[i] is not { } matching)
            {
                continue;
            }

            var key = constraints[i].TopologyKey;
            var perDomain = matching.Domains(requireAllTopologies ? DomainSpec.Of(key, requiredKeys) : DomainSpec.OrEmpty(key));
            if (totals.Count <= perDomain.Count)
            {
                // Writing through a reference leaves the dictionary's enumeration valid.
                foreach (var (value, _) in totals)
                {
                    CollectionsMarshal.GetValueRefOrNullRef(totals, value) = perDomain.GetValueOrDefault(value);
                }
            }
            else
            {
                foreach (var (value, num) in perDomain)
                {
                    ref var total = ref CollectionsMarshal.GetValueRefOrNullRef(totals, value);
                    if (!Unsafe.IsNullRef(ref total))
                    {
                        total = num;
                    }
                }
            }
        }
    }

    /// <summary>Upstream's <c>topologyNormalizingWeight</c>: <c>ln(size + 2)</c>.</summary>
    internal static double TopologyNormalizingWeight(int size) => Math.Log(size + 2);

    /// <summary>Upstream's <c>scoreForCount</c>: <c>cnt·weight + (maxSkew − 1)</c>; maxSkew − 1 waters down the differences between domains.</summary>
    private static double ScoreForCount(long count, int maxSkew, double weight) => (count * weight) + (maxSkew - 1);

    /// <summary>
    /// Upstream's <c>initPreScoreState</c>: the ignored feasible nodes, a zero count for each domain of the
    /// other feasible nodes (a missing label is the domain ""), and each constraint's weight (the number
    /// of domains, or of scored nodes for hostname).
    /// </summary>
    private void InitPreScoreState(PreScoreState s, IReadOnlyList<NodeInfo> filteredNodes, bool requireAllTopologies)
    {
        var constraints = s.Constraints;
        Span<int> topoSize = constraints.Length <= 16 ? stackalloc int[constraints.Length] : new int[constraints.Length];

        // The first few domains added per constraint: a node in one of them needs no hashing. A node in
        // another is added to the dictionary, which keeps a domain once however often it is added.
        const int few = PreScoreState.MaxFewDomains;
        if (_seenDomains.Length < constraints.Length * few)
        {
            _seenDomains = new string[constraints.Length * few];
        }

        Span<int> seenCount = constraints.Length <= 16 ? stackalloc int[constraints.Length] : new int[constraints.Length];

        foreach (var nodeInfo in SchedulingAlgorithm.NodeSpan(filteredNodes))
        {
            if (requireAllTopologies && !HasAllTopologyKeys(nodeInfo, constraints))
            {
                s.IgnoredNodes.Add(nodeInfo.Name);
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                if (constraints[i].IsHostname)
                {
                    continue;
                }

                var value = nodeInfo.TryGetLabel(constraints[i].TopologyKey, out var label) ? label : string.Empty;
                if (_seenDomains.AsSpan(i * few, seenCount[i]).Contains(value))
                {
                    continue;
                }

                if (s.TopologyValueToPodCounts[i].TryAdd(value, 0))
                {
                    topoSize[i]++;
                    if (seenCount[i] < few)
                    {
                        _seenDomains[(i * few) + seenCount[i]++] = value;
                    }
                }
            }
        }

        for (var i = 0; i < constraints.Length; i++)
        {
            var size = constraints[i].IsHostname ? filteredNodes.Count - s.IgnoredNodes.Count : topoSize[i];
            s.TopologyNormalizingWeight[i] = TopologyNormalizingWeight(size);
        }
    }
}
