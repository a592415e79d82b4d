using System.Numerics;
using Sim.Engine.Randomness;

namespace Sim.Scheduling;

/// <summary>The outcome of one scheduling attempt (upstream's <c>ScheduleResult</c> or <c>FitError</c>).</summary>
public sealed class ScheduleResult
{
    /// <summary>The chosen node, or null when the pod fits nowhere.</summary>
    public string? SuggestedHost { get; init; }

    /// <summary>Nodes filtered (feasible plus rejected).</summary>
    public int EvaluatedNodes { get; init; }

    /// <summary>Feasible nodes found.</summary>
    public int FeasibleNodes { get; init; }

    /// <summary>Success, or why the pod is unschedulable (or the error).</summary>
    public Status Status { get; init; }

    /// <summary>The rejected nodes and their statuses.</summary>
    public required NodeToStatus Diagnosis { get; init; }

    /// <summary>A PreFilter rejection message, when PreFilter rejected the pod.</summary>
    public string PreFilterMessage { get; init; } = string.Empty;

    /// <summary>The plugins that rejected the pod (PreFilter and Filter).</summary>
    public IReadOnlySet<string> UnschedulablePlugins { get; init; } = System.Collections.Frozen.FrozenSet<string>.Empty;

    /// <summary>The number of nodes in the snapshot.</summary>
    public int NumAllNodes { get; init; }

    /// <summary>
    /// The message kube-scheduler puts on a pod that fits nowhere, e.g.
    /// <c>0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s).</c>
    /// </summary>
    public string FitErrorMessage(string postFilterMessage = "")
    {
        var message = $"0/{NumAllNodes} nodes are available:";
        if (PreFilterMessage.Length != 0)
        {
            message += $" {PreFilterMessage}.";
        }
        else
        {
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var status in Diagnosis.Statuses.Values)
            {
                foreach (var reason in status.Reasons)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }

            // Nodes a PreFilter node set left out share the absent-nodes status.
            if (Diagnosis.Count < NumAllNodes)
            {
                foreach (var reason in Diagnosis.AbsentNodesStatus.Reasons)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + (NumAllNodes - Diagnosis.Count);
                }
            }

            if (reasons.Count != 0)
            {
                var histogram = reasons.Select(r => $"{r.Value} {r.Key}").Order(StringComparer.Ordinal);
                message += $" {string.Join(", ", histogram)}.";
            }
        }

        if (postFilterMessage.Length != 0)
        {
            message += $" {postFilterMessage}.";
        }

        return message;
    }
}

/// <summary>
/// kube-scheduler's <c>schedulePod</c>: PreFilter, Filter over a rotating window of the node list until
/// enough feasible nodes are found, then PreScore, Score, NormalizeScore, weights, and the choice of
/// the best node with seeded uniform tie-breaking. Filtering runs sequentially (upstream runs it with
/// 16 goroutines and stops when enough nodes are found, so which nodes it examined can vary; here it
/// is always the first feasible nodes from the start index, in the node tree's order).
/// </summary>
public sealed class SchedulingAlgorithm
{
    /// <summary>Below this many nodes, every node is searched; also the floor on nodes to find.</summary>
    public const int MinFeasibleNodesToFind = 100;

    /// <summary>The floor of the adaptive percentage.</summary>
    public const int MinFeasibleNodesPercentageToFind = 5;

    private readonly SimRandom _random;
    private readonly NodeList _feasibleView = new();
    private NodeInfo[] _feasible = [];

    // Where the feasible nodes of the last search are: _feasible from 0, or, when the search's first run
    // passed every node it needed, that window of the node list itself (no copy).
    private NodeInfo[] _feasibleArray = [];
    private int _feasibleOffset;
    private long[] _totals = [];
    private bool[] _passes = [];
    private byte[] _rejectedBy = [];
    private readonly List<int> _superseded = [];

    /// <summary>An algorithm with <paramref name="random"/> for tie-breaking.</summary>
    public SchedulingAlgorithm(SimRandom random, int percentageOfNodesToScore = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        PercentageOfNodesToScore = percentageOfNodesToScore;
    }

    /// <summary>The scheduler-wide percentage of nodes to score (0 = adaptive).</summary>
    public int PercentageOfNodesToScore { get; }

    /// <summary>Where the next search starts in the node list.</summary>
    public int NextStartNodeIndex { get; set; }

    /// <summary>
    /// How many feasible nodes a search looks for, as upstream's <c>numFeasibleNodesToFind</c>: all
    /// nodes below 100; otherwise <paramref name="percentage"/> (0 = adaptive: 50 − nodes/125, at
    /// least 5) of them, and at least 100.
    /// </summary>
    public static int NumFeasibleNodesToFind(int percentage, int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodesToFind)
        {
            return numAllNodes;
        }

        if (percentage == 0)
        {
            percentage = 50 - (numAllNodes / 125);
            if (percentage < MinFeasibleNodesPercentageToFind)
            {
                percentage = MinFeasibleNodesPercentageToFind;
            }
        }

        var numNodes = (int)((long)numAllNodes * percentage / 100);
        return numNodes < MinFeasibleNodesToFind ? MinFeasibleNodesToFind : numNodes;
    }

    /// <summary>Schedules one pod with <paramref name="profile"/> against <paramref name="snapshot"/>.</summary>
    public ScheduleResult Schedule(SchedulerProfile profile, CycleState state, PodInfo pod, Snapshot snapshot, Nominator? nominator = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(snapshot);
        var diagnosis = new NodeToStatus();
        var allNodes = snapshot.NodeInfos;
        if (allNodes.Count == 0)
        {
            return new ScheduleResult { Status = Status.Error("no nodes available to schedule pods"), Diagnosis = diagnosis };
        }

        // Made when a plugin rejects the pod somewhere: a cycle that finds a node at once needs none.
        HashSet<string>? unschedulablePlugins = null;
        state.Facts = snapshot.Facts;
        var preFilter = profile.RunPreFilterPlugins(state, pod, allNodes, out var preResult, out var pluginsWithNodes);
        if (!preFilter.IsSuccess)
        {
            if (!preFilter.IsRejected)
            {
                return new ScheduleResult { Status = preFilter, Diagnosis = diagnosis, NumAllNodes = allNodes.Count };
            }

            foreach (var node in allNodes)
            {
                diagnosis.Set(node.Name, preFilter);
            }

            unschedulablePlugins = new(StringComparer.Ordinal) { preFilter.Plugin! };
            return new ScheduleResult
            {
                Status = preFilter,
                Diagnosis = diagnosis,
                PreFilterMessage = preFilter.Message,
                UnschedulablePlugins = unschedulablePlugins,
                NumAllNodes = allNodes.Count,
            };
        }

        // A node nominated by an earlier preemption is tried first.
        var nominatedName = pod.Pod.Status.NominatedNodeName;
        if (nominatedName.Length != 0 && snapshot.Get(nominatedName) is { } nominatedNode
            && (preResult is null || preResult.AllNodes || preResult.NodeNames!.Contains(nominatedName))
            && profile.RunFilterPluginsWithNominatedPods(state, pod, nominatedNode, nominator).IsSuccess)
        {
            return new ScheduleResult { SuggestedHost = nominatedName, EvaluatedNodes = 1, FeasibleNodes = 1, Diagnosis = diagnosis, NumAllNodes = allNodes.Count };
        }

        IReadOnlyList<NodeInfo> nodes = allNodes;
        if (preResult is { AllNodes: false })
        {
            var restricted = new List<NodeInfo>(preResult.NodeNames!.Count);
            foreach (var name in preResult.NodeNames!.Order(StringComparer.Ordinal))
            {
                if (snapshot.Get(name) is { } info)
                {
                    restricted.Add(info);
                }
            }

            nodes = restricted;
            var names = pluginsWithNodes.Order(StringComparer.Ordinal).ToList();
            unschedulablePlugins = new(names, StringComparer.Ordinal);
            diagnosis.AbsentNodesStatus = Status.UnschedulableAndUnresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", names)}]");
        }

        var numNodesToFind = NumFeasibleNodesToFind(profile.PercentageOfNodesToScore ?? PercentageOfNodesToScore, nodes.Count);
        if (profile.ScorePlugins.Count == 0)
        {
            numNodesToFind = Math.Min(numNodesToFind, 1);
        }

        var feasibleCount = FindNodesThatPassFilters(profile, state, pod, nodes, numNodesToFind, diagnosis, nominator, ref unschedulablePlugins, out var rejected);
        var processed = feasibleCount + rejected;
        if (nodes.Count != 0)
        {
            NextStartNodeIndex = (NextStartNodeIndex + processed) % nodes.Count;
        }

        if (feasibleCount == 0)
        {
            // A filter error outranks the rejections; default (success) when there was none.
            var error = diagnosis.Statuses.Values.FirstOrDefault(s => s.Code == StatusCode.Error);
            return new ScheduleResult
            {
                Status = error.Code == StatusCode.Error ? error : Status.Unschedulable(),
                Diagnosis = diagnosis,
                EvaluatedNodes = processed,
                UnschedulablePlugins = unschedulablePlugins ?? (IReadOnlySet<string>)System.Collections.Frozen.FrozenSet<string>.Empty,
                NumAllNodes = allNodes.Count,
            };
        }

        if (feasibleCount == 1)
        {
            return new ScheduleResult { SuggestedHost = _feasibleArray[_feasibleOffset].Name, EvaluatedNodes = 1 + rejected, FeasibleNodes = 1, Diagnosis = diagnosis, NumAllNodes = allNodes.Count };
        }

        _feasibleView.Set(_feasibleArray, _feasibleOffset, feasibleCount);
        var feasible = _feasibleView;
        var scored = Prioritize(profile, state, pod, feasible, null);
        if (!scored.IsSuccess)
        {
            return new ScheduleResult { Status = scored, Diagnosis = diagnosis, NumAllNodes = allNodes.Count };
        }

        var host = SelectHost(feasible, _totals);
        return new ScheduleResult { SuggestedHost = host, EvaluatedNodes = processed, FeasibleNodes = feasibleCount, Diagnosis = diagnosis, NumAllNodes = allNodes.Count };
    }

    /// <summary>PreScore and Score over <paramref name="nodes"/>, leaving the totals in <see cref="Totals"/>.</summary>
    public Status Prioritize(SchedulerProfile profile, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, ScoreBreakdown? breakdown)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(nodes);
        if (_totals.Length < nodes.Count)
        {
            _totals = new long[Math.Max(nodes.Count, 64)];
        }

        if (profile.ScorePlugins.Count == 0)
        {
            _totals.AsSpan(0, nodes.Count).Fill(1);
            return Status.Success;
        }

        var preScore = profile.RunPreScorePlugins(state, pod, nodes);
        if (!preScore.IsSuccess)
        {
            return preScore;
        }

        var span = NodeSpan(nodes);
        return profile.RunScorePlugins(state, pod, span, _totals.AsSpan(0, nodes.Count), breakdown);
    }

    /// <summary>The weighted totals of the last <see cref="Prioritize"/>, by node position.</summary>
    public ReadOnlySpan<long> Totals => _totals;

    /// <summary>
    /// The node with the highest total; ties broken uniformly at random by reservoir sampling, as upstream:
    /// scanning in order, the k-th node equal to the best so far replaces the choice when a draw of
    /// <c>Next(k)</c> is 0. The draws are made run by run (<see cref="SimRandom.ReservoirIndex"/>) after a
    /// scan without them, which leaves the generator and the choice exactly as drawing node by node would.
    /// </summary>
    public string SelectHost(IReadOnlyList<NodeInfo> nodes, ReadOnlySpan<long> totals)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var count = nodes.Count;
        totals = totals[..count];
        _superseded.Clear();
        var best = totals[0];
        var ties = 1;
        var i = 1;
        while (i < count)
        {
            // A block with nothing above the best so far only adds its ties.
            if (Vector.IsHardwareAccelerated && i <= count - Vector<long>.Count)
            {
                var block = new Vector<long>(totals[i..]);
                var bestSoFar = new Vector<long>(best);
                if (Vector.LessThanOrEqualAll(block, bestSoFar))
                {
                    ties -= (int)Vector.Sum(Vector.Equals(block, bestSoFar));
                    i += Vector<long>.Count;
                    continue;
                }
            }

            var total = totals[i++];
            if (total > best)
            {
                if (ties > 1)
                {
                    _superseded.Add(ties);
                }

                best = total;
                ties = 1;
            }
            else if (total == best)
            {
                ties++;
            }
        }

        foreach (var run in _superseded)
        {
            _random.ReservoirIndex(run);
        }

        // The kept tie is the (kept+1)-th total equal to the best: skip whole blocks with fewer.
        var kept = ties > 1 ? _random.ReservoirIndex(ties) : 0;
        var bestTotals = new Vector<long>(best);
        for (i = 0; i < count;)
        {
            if (Vector.IsHardwareAccelerated && i <= count - Vector<long>.Count)
            {
                var equal = -(int)Vector.Sum(Vector.Equals(new Vector<long>(totals[i..]), bestTotals));
                if (equal <= kept)
                {
                    kept -= equal;
                    i += Vector<long>.Count;
                    continue;
                }
            }

            if (totals[i] == best && kept-- == 0)
            {
                return nodes[i].Name;
            }

            i++;
        }

        throw new InvalidOperationException("unreachable: the best total is among the totals");
    }

    private int FindNodesThatPassFilters(SchedulerProfile profile, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, int numNodesToFind, NodeToStatus diagnosis, Nominator? nominator, ref HashSet<string>? unschedulablePlugins, out int rejected)
    {
        if (_feasible.Length < numNodesToFind)
        {
            _feasible = new NodeInfo[Math.Max(numNodesToFind, 16)];
        }

        (_feasibleArray, _feasibleOffset) = (_feasible, 0);
        rejected = 0;
        var numAll = nodes.Count;
        var found = 0;
        if (profile.FilterPlugins.Count == 0)
        {
            for (var i = 0; i < numNodesToFind; i++)
            {
                _feasible[i] = nodes[(NextStartNodeIndex + i) % numAll];
            }

            return numNodesToFind;
        }

        if (nominator is not null && nominator.Count != 0)
        {
            // Nominated pods change what each node holds during its filtering: node by node.
            for (var i = 0; i < numAll && found < numNodesToFind; i++)
            {
                var node = nodes[(NextStartNodeIndex + i) % numAll];
                var status = profile.RunFilterPluginsWithNominatedPods(state, pod, node, nominator);
                if (status.IsSuccess)
                {
                    _feasible[found++] = node;
                }
                else
                {
                    Reject(node, status, diagnosis, ref unschedulablePlugins);
                    rejected++;
                }
            }

            return found;
        }

        // The same search in runs of nodes: the plugins judge a run at once (one loop per plugin), and
        // each rejected node's status comes from the plugins in order, node by node, as above. A run is
        // as long as the feasible nodes still wanted, so when every node passes no node is filtered
        // beyond the last one the search needs; nodes after the last feasible node wanted are not
        // reported, exactly as a node-by-node search would not reach them.
        var span = NodeSpan(nodes);
        var offset = 0;
        while (offset < numAll && found < numNodesToFind)
        {
            var start = (NextStartNodeIndex + offset) % numAll;
            var length = Math.Min(Math.Min(numNodesToFind - found, numAll - offset), numAll - start);
            if (_passes.Length < length)
            {
                _passes = new bool[Math.Max(length, 64)];
                _rejectedBy = new byte[_passes.Length];
            }

            var run = span.Slice(start, length);
            var passes = _passes.AsSpan(0, length);
            var rejectedBy = _rejectedBy.AsSpan(0, length);
            passes.Fill(true);
            rejectedBy.Fill(SchedulerProfile.NotRejected);
            profile.FilterNodes(state, pod, run, passes, rejectedBy);
            if (found == 0 && length == numNodesToFind && nodes is NodeInfo[] list && !passes.Contains(false))
            {
                // Every node wanted passed in one window of the node list: the feasible nodes are that window.
                (_feasibleArray, _feasibleOffset) = (list, start);
                return length;
            }

            if (found == offset && found + length == numNodesToFind && nodes is NodeInfo[] nodeArray && !passes.Contains(false)
                && NodeTable.TryGetRingWindow(nodeArray, NextStartNodeIndex % numAll, numNodesToFind, out var ring))
            {
                // Every node wanted passed in a window that wraps around the list's end: the feasible nodes
                // are that window of the list laid out twice.
                (_feasibleArray, _feasibleOffset) = (ring, NextStartNodeIndex % numAll);
                return numNodesToFind;
            }

            var i = 0;
            for (; i < length && found < numNodesToFind; i++)
            {
                if (passes[i])
                {
                    _feasible[found++] = run[i];
                    continue;
                }

                // The plugins' Filter is the reference: a node a batch rejected but Filter passes is feasible.
                // The plugins before the one that rejected it passed it (a batch passes only nodes its Filter
                // passes), so its status comes from that plugin on.
                var status = profile.RunFilterPlugins(state, pod, run[i], from: rejectedBy[i] == SchedulerProfile.NotRejected ? 0 : rejectedBy[i]);
                if (status.IsSuccess)
                {
                    _feasible[found++] = run[i];
                    continue;
                }

                Reject(run[i], status, diagnosis, ref unschedulablePlugins);
                rejected++;
            }

            offset += i;
        }

        return found;
    }

    private static void Reject(NodeInfo node, Status status, NodeToStatus diagnosis, ref HashSet<string>? unschedulablePlugins)
    {
        diagnosis.Set(node.Name, status);
        if (status.Plugin is { } plugin)
        {
            (unschedulablePlugins ??= new(StringComparer.Ordinal)).Add(plugin);
        }
    }

    /// <summary>The nodes as a span: the array or list itself when it is one, else a copy.</summary>
    internal static ReadOnlySpan<NodeInfo> NodeSpan(IReadOnlyList<NodeInfo> nodes)
    {
        switch (nodes)
        {
            case NodeInfo[] array:
                return array;
            case List<NodeInfo> list:
                return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
            case NodeList view:
                return view.AsSpan();
        }

        var copy = new NodeInfo[nodes.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = nodes[i];
        }

        return copy;
    }

    /// <summary>A reusable read-only view of a window of an array (no boxing, no copy).</summary>
    private sealed class NodeList : IReadOnlyList<NodeInfo>
    {
        private NodeInfo[] _items = [];
        private int _offset;

        public int Count { get; private set; }

        public NodeInfo this[int index] => (uint)index < (uint)Count ? _items[_offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Set(NodeInfo[] items, int offset, int count)
        {
            _items = items;
            _offset = offset;
            Count = count;
        }

        public ReadOnlySpan<NodeInfo> AsSpan() => _items.AsSpan(_offset, Count);

        public IEnumerator<NodeInfo> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _items[_offset + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
