using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Counts of matching pods per topology pair (upstream's <c>topologyToMatchedTermCount</c>): keyed by
/// topology key, then by the node label's value, so a lookup is two hash lookups and builds no string.
/// A pair whose count comes back to zero is removed, as upstream deletes it, so <see cref="Count"/> is
/// the number of pairs with a non-zero count.
/// </summary>
internal sealed class TopologyCounts
{
    private readonly Dictionary<string, Dictionary<string, long>> _byKey;

    public TopologyCounts() => _byKey = new(StringComparer.Ordinal);

    private TopologyCounts(TopologyCounts source)
    {
        _byKey = new(source._byKey.Count, StringComparer.Ordinal);
        foreach (var (key, values) in source._byKey)
        {
            _byKey.Add(key, new Dictionary<string, long>(values, StringComparer.Ordinal));
        }

        Count = source.Count;
    }

    /// <summary>The number of pairs with a non-zero count (upstream's <c>len(m)</c>).</summary>
    public int Count { get; private set; }

    /// <summary>The count of the pair (<paramref name="key"/>, <paramref name="value"/>); 0 when absent.</summary>
    public long Get(string key, string value) =>
        _byKey.TryGetValue(key, out var values) && values.TryGetValue(value, out var count) ? count : 0;

    /// <summary>Adds <paramref name="delta"/> to the pair; a pair that comes to zero is removed.</summary>
    public void Add(string key, string value, long delta)
    {
        if (!_byKey.TryGetValue(key, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            _byKey.Add(key, values);
        }

        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(values, value, out var existed);
        if (!existed)
        {
            Count++;
        }

        count += delta;
        if (count == 0)
        {
            values.Remove(value);
            Count--;
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
        foreach (var (key, values) in _byKey)
        {
            if (values.Count != 0 && nodeLabels.TryGetValue(key, out var value) && values.TryGetValue(value, out var count) && count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A deep copy.</summary>
    public TopologyCounts Clone() => new(this);

    /// <summary>The pairs and their counts, sorted (for tests and diagnostics).</summary>
    public IReadOnlyList<KeyValuePair<(string Key, string Value), long>> Pairs()
    {
        var pairs = new List<KeyValuePair<(string Key, string Value), long>>(Count);
        foreach (var (key, values) in _byKey)
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
