using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Counts of matching pods per topology pair (upstream's <c>topologyToMatchedTermCount</c>): keyed by
/// topology key, then by the node label's value, so a lookup is two hash lookups and builds no string.
/// A pair whose count comes back to zero is removed, as upstream deletes it, so <see cref="Count"/> is
/// the number of pairs with a non-zero count.
/// </summary>
/// <remarks>
/// PreFilter hands out a view (<see cref="Over"/>): the sum of some of the index's live per-domain counts,
/// read in place instead of copied. A view is read only while the snapshot is unchanged (it throws
/// otherwise); the first change (<see cref="Add"/>, preemption's AddPod/RemovePod on a clone) copies the
/// sums into counts of its own.
/// </remarks>
internal sealed class TopologyCounts
{
    private Dictionary<string, Dictionary<string, long>>? _byKey;
    private (string Key, Dictionary<string, long> Counts)[]? _sources;
    // The same sources' counts per node, when each keeps them (null otherwise).
    private ISlotCounts[]? _slotSources;
    private PodTopologyIndex? _index;
    // The columns TryGetColumns found last and the table they are of.
    private NodeTable? _columnsTable;
    private (int[] Ids, ISlotCounts Counts)[] _columns = [];
    private readonly long _version;
    private int _count;

    public TopologyCounts() => _byKey = new(StringComparer.Ordinal);

    private TopologyCounts(TopologyCounts source)
    {
        if (source._byKey is null)
        {
            (_sources, _slotSources, _index, _version, _count) = (source._sources, source._slotSources, source._index, source._version, source._count);
            return;
        }

        _byKey = new(source._byKey.Count, StringComparer.Ordinal);
        foreach (var (key, values) in source._byKey)
        {
            _byKey.Add(key, new Dictionary<string, long>(values, StringComparer.Ordinal));
        }

        _count = source._count;
    }

    private TopologyCounts(PodTopologyIndex index, (string Key, Dictionary<string, long> Counts)[] sources, ISlotCounts[]? slotSources)
    {
        _sources = sources;
        _slotSources = slotSources;
        _index = index;
        _version = index.Version;
        foreach (var (_, counts) in sources)
        {
            if (counts.Count != 0)
            {
                // Not the number of pairs (sources may share pairs), but non-zero exactly when that is.
                _count = 1;
                break;
            }
        }
    }

    /// <summary>
    /// The number of pairs with a non-zero count (upstream's <c>len(m)</c>). Of a view only whether it is
    /// 0 is meaningful until it is copied (<see cref="IsEmpty"/>).
    /// </summary>
    public int Count
    {
        get
        {
            CheckFresh();
            return _count;
        }
    }

    /// <summary>True when no pair has a non-zero count.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>
    /// A view of the sum of <paramref name="sources"/>: per topology key, the index's live counts per value
    /// (positive counts only, so the sum is non-zero exactly where some source has the pair).
    /// </summary>
    /// <param name="index">The index the sources are counts of.</param>
    /// <param name="sources">Per source, the topology key and the live counts per value.</param>
    /// <param name="slotSources">
    /// Optionally, the same sources' counts per node of the index (<see cref="ISlotCounts"/>), in the same
    /// order, so that <see cref="TryGetColumns"/> can test nodes by their table rows.
    /// </param>
    public static TopologyCounts Over(PodTopologyIndex index, (string Key, Dictionary<string, long> Counts)[] sources, ISlotCounts[]? slotSources = null)
    {
        if (slotSources is not null && slotSources.Length != sources.Length)
        {
            throw new ArgumentException("One slot count per source is needed.", nameof(slotSources));
        }

        return new(index, sources, slotSources);
    }

    /// <summary>
    /// The view's sources as columns of <paramref name="table"/>: per source with a non-zero count, the
    /// table's label column of its key and its counts per node. Possible when every such source keeps
    /// counts per node and no two nodes of the table share a value of its key (<see cref="LabelColumn.AllDistinct"/>,
    /// as hostnames): then a node's pair (the key, its value) has a positive count exactly when some column's
    /// id on the node's row is not −1 and its count at the node's slot is positive (<see cref="AnyPositiveAt"/>),
    /// which reads no label and hashes no string. Counts with no pair qualify with no columns. The columns
    /// of the last table asked for are kept (a view's sources do not change while it is fresh). False for
    /// non-empty counts of this instance's own, a stale view, or a key the table keeps no column for or whose
    /// values repeat.
    /// </summary>
    public bool TryGetColumns(NodeTable table, out (int[] Ids, ISlotCounts Counts)[] columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        columns = [];
        if (_byKey is not null)
        {
            return _count == 0;
        }

        if (_slotSources is null || (_index is not null && _index.Version != _version))
        {
            return false;
        }

        if (ReferenceEquals(table, _columnsTable))
        {
            columns = _columns;
            return true;
        }

        var sources = _sources!;
        var found = 0;
        foreach (var (_, counts) in sources)
        {
            found += counts.Count != 0 ? 1 : 0;
        }

        if (found == 0)
        {
            (_columnsTable, _columns) = (table, columns);
            return true;
        }

        var result = new (int[] Ids, ISlotCounts Counts)[found];
        var n = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            if (sources[i].Counts.Count == 0)
            {
                continue;
            }

            if (table.Labels(sources[i].Key) is not { AllDistinct: true } column)
            {
                return false;
            }

            result[n++] = (column.Ids, _slotSources[i]);
        }

        columns = result;
        (_columnsTable, _columns) = (table, columns);
        return true;
    }

    /// <summary>
    /// True when, by <paramref name="columns"/> (<see cref="TryGetColumns"/>), the node at table row
    /// <paramref name="row"/>, in index slot <paramref name="slot"/>, has a pair with a positive count.
    /// </summary>
    public static bool AnyPositiveAt((int[] Ids, ISlotCounts Counts)[] columns, int row, int slot)
    {
        foreach (var (ids, counts) in columns)
        {
            if (ids[row] >= 0 && counts.CountAtSlot(slot) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The count of the pair (<paramref name="key"/>, <paramref name="value"/>); 0 when absent.</summary>
    public long Get(string key, string value)
    {
        if (_byKey is not null)
        {
            return _byKey.TryGetValue(key, out var values) && values.TryGetValue(value, out var count) ? count : 0;
        }

        CheckFresh();
        long sum = 0;
        foreach (var (sourceKey, counts) in _sources!)
        {
            if (string.Equals(sourceKey, key, StringComparison.Ordinal) && counts.TryGetValue(value, out var count))
            {
                sum += count;
            }
        }

        return sum;
    }

    /// <summary>Adds <paramref name="delta"/> to the pair; a pair that comes to zero is removed.</summary>
    public void Add(string key, string value, long delta)
    {
        var byKey = Own();
        if (!byKey.TryGetValue(key, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            byKey.Add(key, values);
        }

        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(values, value, out var existed);
        if (!existed)
        {
            _count++;
        }

        count += delta;
        if (count == 0)
        {
            values.Remove(value);
            _count--;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the pair of <paramref name="topologyKey"/> and the node's value of it, if the node has the label.</summary>
    public void Update(ImmutableSortedDictionary<string, string> nodeLabels, string topologyKey, long delta)
    {
        if (nodeLabels.TryGetValue(topologyKey, out var value))
        {
            Add(topologyKey, value, delta);
        }
    }

    /// <summary>
    /// When <paramref name="pod"/> matches all the terms (they are ANDed), adds <paramref name="delta"/> for
    /// each term's topology pair on the node (upstream's <c>updateWithAffinityTerms</c>).
    /// </summary>
    public void UpdateWithAffinityTerms(ImmutableArray<AffinityTerm> terms, Cluster.Objects.Pod pod, ImmutableSortedDictionary<string, string> nodeLabels, long delta)
    {
        if (!MatchesAll(terms, pod))
        {
            return;
        }

        foreach (var term in terms)
        {
            Update(nodeLabels, term.TopologyKey, delta);
        }
    }

    /// <summary>Adds <paramref name="delta"/> for the topology pair of each term <paramref name="pod"/> matches (upstream's <c>updateWithAntiAffinityTerms</c>).</summary>
    public void UpdateWithAntiAffinityTerms(ImmutableArray<AffinityTerm> terms, Cluster.Objects.Pod pod, ImmutableSortedDictionary<string, string> nodeLabels, long delta)
    {
        foreach (var term in terms)
        {
            if (term.Matches(pod))
            {
                Update(nodeLabels, term.TopologyKey, delta);
            }
        }
    }

    /// <summary>True when one of the node's labels is a pair with a positive count. Allocates nothing.</summary>
    public bool AnyPositive(ImmutableSortedDictionary<string, string> nodeLabels)
    {
        var labels = new NodeLabels(nodeLabels);
        return AnyPositive(ref labels);
    }

    /// <summary><see cref="AnyPositive(ImmutableSortedDictionary{string, string})"/> on labels a Filter call has looked up already.</summary>
    public bool AnyPositive(ref NodeLabels nodeLabels)
    {
        if (_byKey is null)
        {
            CheckFresh();
            foreach (var (key, counts) in _sources!)
            {
                if (counts.Count != 0 && nodeLabels.TryGetValue(key, out var value) && counts.ContainsKey(value))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var (key, values) in _byKey)
        {
            if (values.Count != 0 && nodeLabels.TryGetValue(key, out var value) && values.TryGetValue(value, out var count) && count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A deep copy (of a view, another view until either is changed).</summary>
    public TopologyCounts Clone() => new(this);

    /// <summary>The counts of this instance's own, copied from the sources first when it is a view.</summary>
    private Dictionary<string, Dictionary<string, long>> Own()
    {
        if (_byKey is not null)
        {
            return _byKey;
        }

        CheckFresh();
        var byKey = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (key, counts) in _sources!)
        {
            if (!byKey.TryGetValue(key, out var values))
            {
                values = new Dictionary<string, long>(counts.Count, StringComparer.Ordinal);
                byKey.Add(key, values);
            }

            foreach (var (value, n) in counts)
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(values, value, out var existed);
                count += existed ? 0 : 1;
                sum += n;
            }
        }

        (_byKey, _count, _sources, _slotSources, _index, _columnsTable, _columns) = (byKey, count, null, null, null, null, []);
        return byKey;
    }

    /// <exception cref="InvalidOperationException">When this view is read after the snapshot changed.</exception>
    private void CheckFresh()
    {
        if (_index is not null && _index.Version != _version)
        {
            throw new InvalidOperationException("Inter-pod affinity counts read after the snapshot changed: a PreFilter state is valid within its cycle only.");
        }
    }

    /// <summary>The pairs and their counts, sorted (for tests and diagnostics).</summary>
    public IReadOnlyList<KeyValuePair<(string Key, string Value), long>> Pairs()
    {
        var byKey = Own();
        var pairs = new List<KeyValuePair<(string Key, string Value), long>>(_count);
        foreach (var (key, values) in byKey)
        {
            foreach (var (value, count) in values)
            {
                pairs.Add(new((key, value), count));
            }
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key.Key, b.Key.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Key.Value, b.Key.Value);
        });
        return pairs;
    }

    /// <summary>True when <paramref name="pod"/> matches every one of <paramref name="terms"/>; false when there are none (upstream's <c>podMatchesAllAffinityTerms</c>).</summary>
    public static bool MatchesAll(ImmutableArray<AffinityTerm> terms, Cluster.Objects.Pod pod)
    {
        if (terms.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var term in terms)
        {
            if (!term.Matches(pod))
            {
                return false;
            }
        }

        return true;
    }
}
