using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>PreScore, Score and NormalizeScore (upstream's <c>scoring.go</c>).</summary>
public sealed partial class PodTopologySpread : IPreScorePlugin, IScorePlugin, IScoreExtensions
{
    internal static readonly StateKey<PreScoreState> PreScoreKey = new("PreScore" + PluginName);

    private const long InvalidScore = -1;

    /// <summary>
    /// Counts the matching pods per domain of the feasible nodes over all nodes; Skip when the pod has no
    /// ScheduleAnyway constraint (its own, or defaults from its owners) or there are no nodes.
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
        var counts = new MatchingPodCounts.NodeCounts[constraints.Length];
        var hostCounts = new MatchingPodCounts.NodeCounts?[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            counts[i] = _counts.For(allNodes, ns, constraints[i].Selector);
            hostCounts[i] = constraints[i].IsHostname ? counts[i] : null;
        }

        var s = new PreScoreState(constraints, hostCounts);
        InitPreScoreState(s, nodes, requireAllTopologies);

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

                total += counts[i].At(n, nodeInfo);
            }
        }

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
        if (state.Read(PreScoreKey) is not { } s || (s.IgnoredNodes.Count != 0 && s.IgnoredNodes.Contains(node.Name)))
        {
            return 0;
        }

        var labels = node.Node.Metadata.Labels;
        double score = 0;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (!labels.TryGetValue(c.TopologyKey, out var value))
            {
                continue;
            }

            var count = s.HostCounts[i] is { } perNode ? perNode.Of(node) : s.TopologyValueToPodCounts[i].GetValueOrDefault(value);
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
            var score = scores[i].Score;
            if (score == InvalidScore)
            {
                scores[i].Score = 0;
            }
            else if (maxScore == 0)
            {
                scores[i].Score = 100;
            }
            else
            {
                scores[i].Score = 100 * (maxScore + minScore - score) / maxScore;
            }
        }

        return Status.Success;
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
    private static void InitPreScoreState(PreScoreState s, IReadOnlyList<NodeInfo> filteredNodes, bool requireAllTopologies)
    {
        var constraints = s.Constraints;
        Span<int> topoSize = constraints.Length <= 16 ? stackalloc int[constraints.Length] : new int[constraints.Length];
        foreach (var nodeInfo in filteredNodes)
        {
            var labels = nodeInfo.Node.Metadata.Labels;
            if (requireAllTopologies && !HasAllTopologyKeys(labels, constraints))
            {
                s.IgnoredNodes.Add(nodeInfo.Name);
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                if (!constraints[i].IsHostname && s.TopologyValueToPodCounts[i].TryAdd(labels.GetValueOrDefault(constraints[i].TopologyKey, string.Empty), 0))
                {
                    topoSize[i]++;
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
