using Sim.Cluster.Labels;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>countPodsMatchSelector</c> with a memory across cycles: for each (namespace, selector)
/// in use, the count of matching pods on every node of the snapshot's node list, kept with the node's
/// <see cref="NodeInfo.Generation"/>. A node is recounted only when its pods changed (any pod added,
/// removed or replaced bumps the generation), so pods of one owner, which share a selector, cost a
/// pass over the nodes instead of over all their pods. The result is always what counting would give.
/// </summary>
internal sealed class MatchingPodCounts
{
    // Enough for the owners a burst of pods comes from; beyond it the memory starts over.
    private const int MaxSelectors = 64;

    private readonly Dictionary<(string Namespace, LabelSelector Selector), NodeCounts> _bySelector = [];
    private readonly Dictionary<NodeInfo, int> _positions = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<NodeInfo>? _nodes;

    /// <summary>
    /// Upstream's <c>countPodsMatchSelector</c>: pods in <paramref name="ns"/>, not terminating, whose labels
    /// <paramref name="selector"/> matches. An empty selector (<c>labelSelector: {}</c>) counts 0, as in every
    /// release since v1.27 (kubernetes#116607); upstream's later fix (kubernetes#141340) counts all pods instead.
    /// </summary>
    public static int Count(IReadOnlyList<PodInfo> pods, LabelSelector selector, string ns)
    {
        if (selector.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i].Pod;
            if (pod.DeletionRequestedAt is not null || !string.Equals(pod.Metadata.Namespace, ns, StringComparison.Ordinal))
            {
                continue;
            }

            if (selector.Matches(pod.Metadata.Labels))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The counts of (<paramref name="ns"/>, <paramref name="selector"/>) over <paramref name="nodes"/>, positions as in that list.</summary>
    public NodeCounts For(IReadOnlyList<NodeInfo> nodes, string ns, LabelSelector selector)
    {
        if (!ReferenceEquals(nodes, _nodes))
        {
            _nodes = nodes;
            _bySelector.Clear();
            _positions.Clear();
            for (var i = 0; i < nodes.Count; i++)
            {
                _positions[nodes[i]] = i;
            }
        }

        if (!_bySelector.TryGetValue((ns, selector), out var counts))
        {
            if (_bySelector.Count >= MaxSelectors)
            {
                _bySelector.Clear();
            }

            counts = new NodeCounts(this, ns, selector, nodes.Count);
            _bySelector.Add((ns, selector), counts);
        }

        return counts;
    }

    /// <summary>The remembered counts of one (namespace, selector) on the nodes of one list.</summary>
    internal sealed class NodeCounts
    {
        private readonly MatchingPodCounts _owner;
        private readonly string _namespace;
        private readonly LabelSelector _selector;
        private readonly NodeInfo?[] _nodes;
        private readonly long[] _generations;
        private readonly int[] _counts;

        public NodeCounts(MatchingPodCounts owner, string ns, LabelSelector selector, int size)
        {
            _owner = owner;
            _namespace = ns;
            _selector = selector;
            _nodes = new NodeInfo?[size];
            _generations = new long[size];
            _counts = new int[size];
        }

        /// <summary>The count on <paramref name="node"/>, which sits at <paramref name="position"/> of the list.</summary>
        public int At(int position, NodeInfo node)
        {
            if (ReferenceEquals(_nodes[position], node) && _generations[position] == node.Generation)
            {
                return _counts[position];
            }

            var count = MatchingPodCounts.Count(node.Pods, _selector, _namespace);
            _nodes[position] = node;
            _generations[position] = node.Generation;
            _counts[position] = count;
            return count;
        }

        /// <summary>The count on <paramref name="node"/>, wherever it is (counted afresh when it is not in the list).</summary>
        public int Of(NodeInfo node) =>
            _owner._positions.TryGetValue(node, out var position) && position < _nodes.Length && ReferenceEquals(_owner._nodes?[position], node)
                ? At(position, node)
                : MatchingPodCounts.Count(node.Pods, _selector, _namespace);
    }
}
