using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// What PreScore computes for Score (upstream's <c>preScoreState</c>): the summed term weights per
/// topology key and value. Score reads it only, so <see cref="Clone"/> shares it, as upstream does.
/// </summary>
internal sealed class PreScoreState : IStateData
{
    private readonly Dictionary<string, Dictionary<string, long>> _byKey = new(StringComparer.Ordinal);

    // The same per-key maps in a list, so Score walks an array rather than a dictionary.
    private readonly List<(string Key, Dictionary<string, long> Values)> _keys = [];

    /// <summary>True when some term matched a pod on a node with the term's topology label (upstream's non-empty <c>topologyScore</c>).</summary>
    public bool IsEmpty => _keys.Count == 0;

    /// <summary>
    /// Adds <paramref name="weight"/> × <paramref name="multiplier"/> to the pair of the term's topology key
    /// on the node, when <paramref name="pod"/> matches the term and the node has the label (upstream's <c>processTerm</c>).
    /// </summary>
    public void ProcessTerm(AffinityTerm term, int weight, Cluster.Objects.Pod pod, ImmutableSortedDictionary<string, string> nodeLabels, int multiplier)
    {
        if (!term.Matches(pod) || !nodeLabels.TryGetValue(term.TopologyKey, out var value))
        {
            return;
        }

        if (!_byKey.TryGetValue(term.TopologyKey, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            _byKey.Add(term.TopologyKey, values);
            _keys.Add((term.TopologyKey, values));
        }

        CollectionsMarshal.GetValueRefOrAddDefault(values, value, out _) += weight * multiplier;
    }

    /// <summary>
    /// Adds <paramref name="factor"/> × each domain's number in <paramref name="perDomain"/> to the pairs of
    /// <paramref name="key"/>, creating the state and the pairs as <see cref="ProcessTerm"/> does for each match.
    /// </summary>
    public static void AddAll(ref PreScoreState? state, string key, Dictionary<string, long> perDomain, long factor)
    {
        if (perDomain.Count == 0)
        {
            return;
        }

        state ??= new PreScoreState();
        if (!state._byKey.TryGetValue(key, out var values))
        {
            values = new Dictionary<string, long>(perDomain.Count, StringComparer.Ordinal);
            state._byKey.Add(key, values);
            state._keys.Add((key, values));
        }

        foreach (var (value, n) in perDomain)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(values, value, out _) += factor * n;
        }
    }

    /// <summary><see cref="ProcessTerm"/> for each weighted term.</summary>
    public void ProcessTerms(ImmutableArray<WeightedAffinityTerm> terms, Cluster.Objects.Pod pod, ImmutableSortedDictionary<string, string> nodeLabels, int multiplier)
    {
        foreach (var term in terms)
        {
            ProcessTerm(term.Term, term.Weight, pod, nodeLabels, multiplier);
        }
    }

    /// <summary>The sum, over the topology keys the node has, of the score of the node's value. Allocates nothing.</summary>
    public long Score(ImmutableSortedDictionary<string, string> nodeLabels)
    {
        long score = 0;
        var keys = _keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, values) = keys[i];
            if (nodeLabels.TryGetValue(key, out var value) && values.TryGetValue(value, out var sum))
            {
                score += sum;
            }
        }

        return score;
    }

    /// <inheritdoc />
    public IStateData Clone() => this;
}
