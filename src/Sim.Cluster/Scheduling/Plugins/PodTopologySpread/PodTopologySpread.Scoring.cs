using System.Numerics;
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

    // Buffers of the scoring from the node table: each node's sum, each domain's count by value id, each
    // constraint's label column, which value ids a pass over the feasible nodes has met, and the rounded
    // score of each small count.
    private double[] _sums = [];
    private long[] _domainCounts = [];
    private LabelColumn[] _columns = [];
    private bool[] _seenIds = [];
    private readonly long[] _roundedByCount = new long[64];

    // NormalizeScores' normalized score of each raw score by its offset from the least, when the range is short.
    private readonly long[] _normalizedByOffset = new long[256];
    private readonly List<DomainSpec> _orEmptySpecs = [];

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

        if (TryScoreFromTable(s, nodes, scores))
        {
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = ScoreOf(s, nodes[i]);
        }
    }

    /// <summary>
    /// <see cref="ScoreOf"/> of every node of a window of the snapshot's current node table, read from the
    /// table's label and index-slot columns instead of from each node: the same sums in the same order,
    /// so the same scores. False, with nothing written, when the nodes are not such a window, some node is
    /// ignored, or the table keeps no column for a key.
    /// </summary>
    private bool TryScoreFromTable(PreScoreState s, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        var constraints = s.Constraints;
        if (s.IgnoredCount != 0 || !NodeTable.TryGetWindow(nodes, out var table, out var start) || !TryGetColumns(table, constraints, out var columns))
        {
            return false;
        }

        var count = nodes.Length;

        // The constraints some node of the window has the key of: a node's score sums their terms.
        var active = -1;
        var activeCount = 0;
        for (var i = 0; i < constraints.Length; i++)
        {
            if (columns[i].Ids.AsSpan(start, count).ContainsAnyInRange(0, int.MaxValue))
            {
                (active, activeCount) = (i, activeCount + 1);
            }
        }

        if (activeCount == 0)
        {
            scores[..count].Clear();
            return true;
        }

        if (activeCount == 1 && constraints[active].IsHostname)
        {
            ScoreOneHostnameConstraint(s, active, nodes, table, columns[active].Ids.AsSpan(start, count), start, scores);
            return true;
        }

        if (_sums.Length < count)
        {
            _sums = new double[Math.Max(count, 64)];
        }

        var sums = _sums.AsSpan(0, count);
        sums.Clear();
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            var ids = columns[i].Ids.AsSpan(start, count);
            var weight = s.TopologyNormalizingWeight[i];
            if (c.IsHostname)
            {
                var slots = HostSlots(s, i, table);
                for (var n = 0; n < count; n++)
                {
                    if (ids[n] < 0)
                    {
                        continue;
                    }

                    sums[n] += ScoreForCount(HostCountAt(s, i, nodes[n], slots, start + n), c.MaxSkew, weight);
                }

                continue;
            }

            // A domain's count is looked up once per cycle, by value id.
            var values = columns[i].Values;
            if (_domainCounts.Length < values.Count)
            {
                _domainCounts = new long[Math.Max(values.Count, 16)];
            }

            var domainCounts = _domainCounts.AsSpan(0, values.Count);
            domainCounts.Fill(-1);
            for (var n = 0; n < count; n++)
            {
                var id = ids[n];
                if (id < 0)
                {
                    continue;
                }

                ref var domainCount = ref domainCounts[id];
                if (domainCount < 0)
                {
                    domainCount = s.DomainCount(i, values[id]);
                }

                sums[n] += ScoreForCount(domainCount, c.MaxSkew, weight);
            }
        }

        for (var n = 0; n < count; n++)
        {
            scores[n] = Rounded(sums[n]);
        }

        return true;
    }

    /// <summary>
    /// The scores when a hostname constraint is the only one whose key a node of the window has: a node's
    /// score is 0 without the key, else the rounded term of its count alone (the sum of one term), which
    /// is worked out once per count.
    /// </summary>
    private void ScoreOneHostnameConstraint(PreScoreState s, int i, ReadOnlySpan<NodeInfo> nodes, NodeTable table, ReadOnlySpan<int> ids, int start, Span<long> scores)
    {
        var c = s.Constraints[i];
        var weight = s.TopologyNormalizingWeight[i];
        var slots = HostSlots(s, i, table);
        var byCount = _roundedByCount.AsSpan();
        byCount.Fill(-1);

        // The counts are read through the slot column, when there is one: the loop reads three arrays and
        // no node. Rows without a slot (all of them without a column; rare otherwise) are counted from their
        // nodes after it.
        var rowSlots = slots is null ? default : slots.AsSpan(start, ids.Length);
        if (slots is not null && !ScoreHostCounts(ids, rowSlots, s.HostCounts[i]!.PerSlot, byCount, scores, c.MaxSkew, weight))
        {
            return;
        }

        for (var n = 0; n < ids.Length; n++)
        {
            if (ids[n] < 0)
            {
                scores[n] = 0;
                continue;
            }

            if (slots is null || rowSlots[n] < 0)
            {
                scores[n] = RoundedTerm(byCount, CountOn(nodes[n], c, s.Namespace, s.HostCounts[i]), c.MaxSkew, weight);
            }
        }
    }

    /// <summary>
    /// The single-hostname scores of the rows with a slot: 0 without the key, else the rounded term of the
    /// slot's count (worked out once per small count in <paramref name="byCount"/>). A small method of its
    /// own, so that its loop keeps its spans in registers. True when some row with the key has no slot
    /// (its score is left for the caller).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ScoreHostCounts(ReadOnlySpan<int> ids, ReadOnlySpan<int> rowSlots, ReadOnlySpan<int> perSlot, Span<long> byCount, Span<long> scores, int maxSkew, double weight)
    {
        var unslotted = false;
        rowSlots = rowSlots[..ids.Length];
        scores = scores[..ids.Length];
        for (var n = 0; n < ids.Length; n++)
        {
            var slot = rowSlots[n];
            if (ids[n] < 0 || slot < 0)
            {
                unslotted |= ids[n] >= 0;
                scores[n] = 0;
                continue;
            }

            var found = perSlot[slot];
            scores[n] = RoundedTerm(byCount, found, maxSkew, weight);
        }

        return unslotted;
    }

    /// <summary>
    /// The rounded term of <paramref name="count"/>: for a count below <paramref name="byCount"/>'s length
    /// worked out once into its entry (−1: not yet), for a larger one every time.
    /// </summary>
    private static long RoundedTerm(Span<long> byCount, int count, int maxSkew, double weight)
    {
        if ((uint)count >= (uint)byCount.Length)
        {
            return Rounded(ScoreForCount(count, maxSkew, weight));
        }

        ref var cached = ref byCount[count];
        if (cached < 0)
        {
            cached = Rounded(ScoreForCount(count, maxSkew, weight));
        }

        return cached;
    }

    /// <summary>The table's column of slots in the index whose counts hostname constraint <paramref name="i"/> reads; null when it reads none (recounting, or an empty selector).</summary>
    private int[]? HostSlots(PreScoreState s, int i, NodeTable table) => s.HostCounts[i] is null ? null : table.IndexSlots(_index);

    /// <summary>
    /// The matching pods of hostname constraint <paramref name="i"/> on <paramref name="node"/>, whose slot in
    /// the index is <c>slots[row]</c> (counted from the node itself when the slot is unknown, as <see cref="CountOn"/>).
    /// </summary>
    private static int HostCountAt(PreScoreState s, int i, NodeInfo node, int[]? slots, int row)
    {
        var slot = slots is null ? -1 : slots[row];
        return slot >= 0 ? s.HostCounts[i]!.CountAtSlot(slot) : CountOn(node, s.Constraints[i], s.Namespace, s.HostCounts[i]);
    }

    /// <summary>A raw score rounded as upstream rounds it (half away from zero).</summary>
    private static long Rounded(double score) => (long)Math.Round(score, MidpointRounding.AwayFromZero);

    /// <summary>The table's label column of each constraint's key (in <see cref="_columns"/>); false when the table keeps none for one of them.</summary>
    private bool TryGetColumns(NodeTable table, SpreadConstraint[] constraints, out LabelColumn[] columns)
    {
        if (_columns.Length < constraints.Length)
        {
            _columns = new LabelColumn[constraints.Length];
        }

        columns = _columns;
        for (var i = 0; i < constraints.Length; i++)
        {
            if (table.Labels(constraints[i].TopologyKey) is not { } column)
            {
                return false;
            }

            columns[i] = column;
        }

        return true;
    }

    private static long ScoreOf(PreScoreState s, NodeInfo node)
    {
        if (s.IsIgnored(node.Name))
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

        return Rounded(score);
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
            if (s.IsIgnored(scores[i].Name))
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
        if (s.IgnoredCount == 0)
        {
            // No node to skip: the bounds come from the scores alone, without reading the nodes.
            (minScore, maxScore) = Bounds(scores[..nodes.Length], minScore, maxScore);
        }
        else
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (s.IsIgnored(nodes[i].Name))
                {
                    scores[i] = InvalidScore;
                    continue;
                }

                minScore = Math.Min(minScore, scores[i]);
                maxScore = Math.Max(maxScore, scores[i]);
            }
        }

        // Raw scores take few values (a few counts per constraint). When they span a short range each
        // value is normalized once, looked up by its offset from the least; otherwise each run of equal
        // scores is normalized once. Either spares a division per node.
        if (s.IgnoredCount == 0 && nodes.Length != 0 && (ulong)(maxScore - minScore) < (ulong)_normalizedByOffset.Length)
        {
            var byOffset = _normalizedByOffset.AsSpan(0, (int)(maxScore - minScore) + 1);
            byOffset.Fill(-1);
            for (var i = 0; i < nodes.Length; i++)
            {
                ref var normalized = ref byOffset[(int)(scores[i] - minScore)];
                if (normalized < 0)
                {
                    normalized = Normalized(scores[i], minScore, maxScore);
                }

                scores[i] = normalized;
            }

            return Status.Success;
        }

        var last = long.MinValue;
        long normalizedRun = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (scores[i] != last)
            {
                last = scores[i];
                normalizedRun = Normalized(last, minScore, maxScore);
            }

            scores[i] = normalizedRun;
        }

        return Status.Success;
    }

    /// <summary>The least and greatest of <paramref name="scores"/> and the bounds given, a vector at a time.</summary>
    private static (long Min, long Max) Bounds(ReadOnlySpan<long> scores, long min, long max)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<long>.Count)
        {
            var mins = new Vector<long>(min);
            var maxs = new Vector<long>(max);
            for (; i <= scores.Length - Vector<long>.Count; i += Vector<long>.Count)
            {
                var block = new Vector<long>(scores[i..]);
                mins = Vector.Min(mins, block);
                maxs = Vector.Max(maxs, block);
            }

            for (var k = 0; k < Vector<long>.Count; k++)
            {
                min = Math.Min(min, mins[k]);
                max = Math.Max(max, maxs[k]);
            }
        }

        for (; i < scores.Length; i++)
        {
            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }

        return (min, max);
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
    private void CountFromIndex(PreScoreState s, MatchingPods?[] counts, bool requireAllTopologies)
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
            var perDomain = matching.Domains(requireAllTopologies ? DomainSpec.Of(key, requiredKeys) : OrEmptySpec(key));
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

    /// <summary><see cref="DomainSpec.OrEmpty"/> of <paramref name="key"/>, made once per key (a few keys are kept).</summary>
    private DomainSpec OrEmptySpec(string key)
    {
        foreach (var spec in _orEmptySpecs)
        {
            if (string.Equals(spec.Key, key, StringComparison.Ordinal))
            {
                return spec;
            }
        }

        var created = DomainSpec.OrEmpty(key);
        if (_orEmptySpecs.Count < 8)
        {
            _orEmptySpecs.Add(created);
        }

        return created;
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
        var span = SchedulingAlgorithm.NodeSpan(filteredNodes);
        if (NodeTable.TryGetWindow(span, out var table, out var start) && TryGetColumns(table, constraints, out var columns))
        {
            AddDomainsFromTable(s, span, columns, start, requireAllTopologies, topoSize);
        }
        else
        {
            AddDomains(s, span, requireAllTopologies, topoSize);
        }

        for (var i = 0; i < constraints.Length; i++)
        {
            var size = constraints[i].IsHostname ? filteredNodes.Count - s.IgnoredCount : topoSize[i];
            s.TopologyNormalizingWeight[i] = TopologyNormalizingWeight(size);
        }
    }

    /// <summary>
    /// The pass of <see cref="InitPreScoreState"/> over the feasible nodes read from each node: ignored nodes,
    /// and each domain added once, counted in <paramref name="topoSize"/>.
    /// </summary>
    private void AddDomains(PreScoreState s, ReadOnlySpan<NodeInfo> filteredNodes, bool requireAllTopologies, Span<int> topoSize)
    {
        var constraints = s.Constraints;

        // The first few domains added per constraint: a node in one of them needs no hashing. A node in
        // another is added to the dictionary, which keeps a domain once however often it is added.
        const int few = PreScoreState.MaxFewDomains;
        if (_seenDomains.Length < constraints.Length * few)
        {
            _seenDomains = new string[constraints.Length * few];
        }

        Span<int> seenCount = constraints.Length <= 16 ? stackalloc int[constraints.Length] : new int[constraints.Length];
        foreach (var nodeInfo in filteredNodes)
        {
            if (requireAllTopologies && !HasAllTopologyKeys(nodeInfo, constraints))
            {
                s.Ignore(nodeInfo.Name);
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
    }

    /// <summary>
    /// <see cref="AddDomains"/> from a window of the node table's label columns: a node lacking a key has
    /// the id −1; each value id met is added once (a missing label and a label with the empty value are
    /// both the domain "", which the dictionary keeps once).
    /// </summary>
    private void AddDomainsFromTable(PreScoreState s, ReadOnlySpan<NodeInfo> filteredNodes, LabelColumn[] columns, int start, bool requireAllTopologies, Span<int> topoSize)
    {
        var constraints = s.Constraints;
        var count = filteredNodes.Length;
        var ignored = false;
        if (requireAllTopologies)
        {
            for (var n = 0; n < count; n++)
            {
                for (var i = 0; i < constraints.Length; i++)
                {
                    if (columns[i].Ids[start + n] < 0)
                    {
                        s.Ignore(filteredNodes[n].Name);
                        ignored = true;
                        break;
                    }
                }
            }
        }

        for (var i = 0; i < constraints.Length; i++)
        {
            if (constraints[i].IsHostname)
            {
                continue;
            }

            var ids = columns[i].Ids.AsSpan(start, count);
            var values = columns[i].Values;
            if (_seenIds.Length < values.Count)
            {
                _seenIds = new bool[Math.Max(values.Count, 16)];
            }

            var seen = _seenIds.AsSpan(0, values.Count);
            seen.Clear();
            var seenMissing = false;
            for (var n = 0; n < count; n++)
            {
                var id = ids[n];
                if (id < 0 ? seenMissing : seen[id])
                {
                    continue;
                }

                if (ignored && s.IsIgnored(filteredNodes[n].Name))
                {
                    continue;
                }

                if (id < 0)
                {
                    seenMissing = true;
                }
                else
                {
                    seen[id] = true;
                }

                if (s.TopologyValueToPodCounts[i].TryAdd(id < 0 ? string.Empty : values[id], 0))
                {
                    topoSize[i]++;
                }

                if (seenMissing)
                {
                    // Nodes without the key add nothing more: go on from the next node with it (a
                    // vector search; nodes lacking a zone label are a whole window in small clusters).
                    var next = ids[(n + 1)..].IndexOfAnyInRange(0, int.MaxValue);
                    if (next < 0)
                    {
                        break;
                    }

                    n += next;
                }
            }
        }
    }
}
