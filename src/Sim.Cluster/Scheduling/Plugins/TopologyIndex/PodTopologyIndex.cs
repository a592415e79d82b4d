using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// Counts that PodTopologySpread and InterPodAffinity would otherwise redo over every node and pod in
/// every cycle, kept up to date from the snapshot's changes (<see cref="ISnapshotObserver"/>): for each
/// <see cref="PodMatcher"/> asked for, the matching pods per node and per domain (<see cref="MatchingPods"/>);
/// for each <see cref="DomainSpec"/> asked for, the number of nodes per domain; and, when tracking terms,
/// the placed pods' affinity terms grouped by value with their counts per domain (<see cref="TermGroup"/>).
/// Every count is what recounting the snapshot would give; a change costs the matchers and terms of the
/// one pod or node changed.
/// </summary>
/// <remarks>
/// Dictionaries handed out are the live ones: read them within the cycle that asked, before the
/// snapshot changes again (<see cref="Version"/> tells when it did). Memory is bounded: past
/// <see cref="MaxMatchers"/> matchers (or <see cref="MaxCensus"/> domain specs) the index forgets them
/// all and counts again on demand.
/// </remarks>
internal sealed class PodTopologyIndex : ISnapshotObserver
{
    /// <summary>How many matchers are kept before the index starts over.</summary>
    public const int MaxMatchers = 256;

    /// <summary>How many domain specs are kept before the index starts over.</summary>
    public const int MaxCensus = 64;

    private readonly bool _trackTerms;
    private readonly Dictionary<NodeInfo, NodeRecord> _records = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<PodMatcher, MatchingPods> _matchers = [];

    // The same matchers by the label their pods must have, and those without one, so that a pod event
    // matches only the matchers that can match it.
    private readonly Dictionary<(string Key, string Value), List<MatchingPods>> _guarded = [];
    private readonly List<MatchingPods> _unguarded = [];
    private readonly Dictionary<DomainSpec, Dictionary<string, int>> _census = [];
    private readonly Dictionary<TermKey, TermGroup>[] _groups = [[], [], [], []];
    private Snapshot? _snapshot;
    private int _slots;

    /// <summary>An index that counts matching pods and, with <paramref name="trackTerms"/>, placed pods' affinity terms.</summary>
    public PodTopologyIndex(bool trackTerms) => _trackTerms = trackTerms;

    /// <summary>Bumped on every change the index sees: counts read at one version are stale at another.</summary>
    public long Version { get; private set; }

    /// <summary>The snapshot the counts are of, or null before <see cref="Bind"/>.</summary>
    public Snapshot? Snapshot => _snapshot;

    /// <summary>Makes the counts those of <paramref name="snapshot"/> (starting over when it is another one than before).</summary>
    public void Bind(Snapshot snapshot)
    {
        if (ReferenceEquals(snapshot, _snapshot))
        {
            return;
        }

        _snapshot?.Unsubscribe(this);
        foreach (var (node, _) in _records)
        {
            node.ForgetIndexSlot(this);
        }

        _records.Clear();
        _freeSlots.Clear();
        _slots = 0;
        ClearMatchers();
        _census.Clear();
        foreach (var groups in _groups)
        {
            groups.Clear();
        }

        _snapshot = snapshot;
        snapshot.Subscribe(this);
        foreach (var node in snapshot.NodeInfos)
        {
            NodeAdded(node);
        }
    }

    /// <summary>The counts of <paramref name="matcher"/> (counted over all pods the first time it is asked for).</summary>
    public MatchingPods Matching(PodMatcher matcher)
    {
        if (_matchers.TryGetValue(matcher, out var matching))
        {
            return matching;
        }

        if (_matchers.Count >= MaxMatchers)
        {
            ClearMatchers();
        }

        matching = new MatchingPods(this, matcher, _slots);
        foreach (var (node, record) in _records)
        {
            matching.Recount(record.Slot, node);
        }

        _matchers.Add(matcher, matching);
        if (matcher.Guard is { } guard)
        {
            if (!_guarded.TryGetValue(guard, out var list))
            {
                list = [];
                _guarded.Add(guard, list);
            }

            list.Add(matching);
        }
        else
        {
            _unguarded.Add(matching);
        }

        return matching;
    }

    /// <summary>The number of nodes in each domain of <paramref name="spec"/> (domains with at least one node). Read only.</summary>
    public Dictionary<string, int> Census(DomainSpec spec)
    {
        if (_census.TryGetValue(spec, out var census))
        {
            return census;
        }

        if (_census.Count >= MaxCensus)
        {
            _census.Clear();
        }

        census = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, record) in _records)
        {
            if (spec.ValueOf(record.Labels) is { } value)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(census, value, out _)++;
            }
        }

        _census.Add(spec, census);
        return census;
    }

    /// <summary>The placed pods' terms of <paramref name="kind"/>, grouped (only when tracking terms).</summary>
    public Dictionary<TermKey, TermGroup>.ValueCollection Groups(TermKind kind) => _groups[(int)kind].Values;

    /// <inheritdoc />
    public void NodeAdded(NodeInfo node)
    {
        Version++;
        var slot = _freeSlots.Count != 0 ? _freeSlots.Pop() : _slots++;
        var record = new NodeRecord(slot, node.Node.Metadata.Labels);
        _records[node] = record;
        node.NoteIndexSlot(this, slot);
        foreach (var (_, matching) in _matchers)
        {
            matching.Recount(slot, node);
        }

        AddNode(node, record, 1);
    }

    /// <inheritdoc />
    public void NodeUpdated(NodeInfo node)
    {
        var labels = node.Node.Metadata.Labels;
        if (!_records.TryGetValue(node, out var record) || ReferenceEquals(record.Labels, labels))
        {
            return;
        }

        Version++;
        AddNode(node, record, -1);
        record.Labels = labels;
        AddNode(node, record, 1);
    }

    /// <inheritdoc />
    public void NodeRemoved(NodeInfo node)
    {
        if (!_records.Remove(node, out var record))
        {
            return;
        }

        node.ForgetIndexSlot(this);
        Version++;
        AddNode(node, record, -1);
        foreach (var (_, matching) in _matchers)
        {
            matching.Clear(record.Slot);
        }

        _freeSlots.Push(record.Slot);
    }

    /// <inheritdoc />
    public void PodAdded(NodeInfo node, PodInfo pod) => AddPod(node, pod, 1);

    /// <inheritdoc />
    public void PodRemoved(NodeInfo node, PodInfo pod) => AddPod(node, pod, -1);

    /// <summary>The slot of a node of the snapshot, or -1 for any other node.</summary>
    internal int SlotOf(NodeInfo node) =>
        node.TryGetIndexSlot(this, out var slot) ? slot : _records.TryGetValue(node, out var record) ? record.Slot : -1;

    /// <summary>Each node's slot and labels (for counting a new matcher's domains).</summary>
    internal IEnumerable<(int Slot, ImmutableSortedDictionary<string, string> Labels)> Nodes()
    {
        foreach (var (_, record) in _records)
        {
            yield return (record.Slot, record.Labels);
        }
    }

    private void AddPod(NodeInfo node, PodInfo pod, int sign)
    {
        if (!_records.TryGetValue(node, out var record))
        {
            return;
        }

        Version++;
        foreach (var matching in _unguarded)
        {
            if (matching.Matcher.Matches(pod.Pod))
            {
                matching.AddPod(record.Slot, record.Labels, sign);
            }
        }

        if (_guarded.Count != 0)
        {
            foreach (var label in pod.Pod.Metadata.Labels)
            {
                if (_guarded.TryGetValue((label.Key, label.Value), out var candidates))
                {
                    foreach (var matching in candidates)
                    {
                        if (matching.Matcher.Matches(pod.Pod))
                        {
                            matching.AddPod(record.Slot, record.Labels, sign);
                        }
                    }
                }
            }
        }

        if (_trackTerms && pod.HasAffinity)
        {
            AddTerms(pod, record.Labels, record.Slot, sign);
        }
    }

    private void ClearMatchers()
    {
        _matchers.Clear();
        _guarded.Clear();
        _unguarded.Clear();
    }

    /// <summary>Adds (1) or takes away (-1) everything the node contributes under its recorded labels.</summary>
    private void AddNode(NodeInfo node, NodeRecord record, int sign)
    {
        var labels = record.Labels;
        foreach (var (_, matching) in _matchers)
        {
            matching.AddNode(record.Slot, labels, sign);
        }

        foreach (var (spec, census) in _census)
        {
            if (spec.ValueOf(labels) is { } value)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(census, value, out _);
                count += sign;
                if (count == 0)
                {
                    census.Remove(value);
                }
            }
        }

        if (_trackTerms)
        {
            var pods = node.PodsWithAffinity;
            for (var i = 0; i < pods.Count; i++)
            {
                AddTerms(pods[i], labels, record.Slot, sign);
            }
        }
    }

    private void AddTerms(PodInfo pod, ImmutableSortedDictionary<string, string> labels, int slot, int sign)
    {
        foreach (var term in pod.RequiredAffinityTerms)
        {
            AddTerm(TermKind.RequiredAffinity, term, 1, labels, slot, sign);
        }

        foreach (var term in pod.RequiredAntiAffinityTerms)
        {
            AddTerm(TermKind.RequiredAntiAffinity, term, 1, labels, slot, sign);
        }

        foreach (var term in pod.PreferredAffinityTerms)
        {
            AddTerm(TermKind.PreferredAffinity, term.Term, term.Weight, labels, slot, sign);
        }

        foreach (var term in pod.PreferredAntiAffinityTerms)
        {
            AddTerm(TermKind.PreferredAntiAffinity, term.Term, term.Weight, labels, slot, sign);
        }
    }

    private void AddTerm(TermKind kind, AffinityTerm term, int weight, ImmutableSortedDictionary<string, string> labels, int slot, int sign)
    {
        var groups = _groups[(int)kind];
        var key = new TermKey(term);
        if (!groups.TryGetValue(key, out var group))
        {
            group = new TermGroup(term, bySlot: kind == TermKind.RequiredAntiAffinity);
            groups.Add(key, group);
        }

        group.Add(labels, slot, weight, sign);
        if (group.Terms == 0)
        {
            groups.Remove(key);
        }
    }

    /// <summary>What the index holds of one node: its slot in the count arrays and the labels it was counted under.</summary>
    private sealed class NodeRecord(int slot, ImmutableSortedDictionary<string, string> labels)
    {
        public int Slot { get; } = slot;

        public ImmutableSortedDictionary<string, string> Labels { get; set; } = labels;
    }
}
