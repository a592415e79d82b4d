using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// The placed pods' affinity terms of one kind that are equal (same namespaces, selector and topology
/// key), with how many of them sit in each domain of the key and the sum of their weights there.
/// Only domains holding at least one such term have an entry.
/// </summary>
internal sealed class TermGroup
{
    public TermGroup(AffinityTerm term) => Term = term;

    /// <summary>One of the terms (they all match the same pods).</summary>
    public AffinityTerm Term { get; }

    /// <summary>The terms' topology key.</summary>
    public string Key => Term.TopologyKey;

    /// <summary>Per domain, how many terms (one per pod and term) are on nodes of that domain.</summary>
    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Per domain, the sum of those terms' weights (1 for a required term).</summary>
    public Dictionary<string, long> Weights { get; } = new(StringComparer.Ordinal);

    /// <summary>The terms in the group, on nodes with the key or not; the group goes when it comes to 0.</summary>
    public long Terms { get; private set; }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) one term of <paramref name="weight"/> on a node with <paramref name="labels"/>.</summary>
    public void Add(ImmutableSortedDictionary<string, string> labels, int weight, int sign)
    {
        Terms += sign;
        if (!labels.TryGetValue(Key, out var value))
        {
            return;
        }

        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(Counts, value, out _);
        count += sign;
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(Weights, value, out _);
        sum += sign * weight;
        if (count == 0)
        {
            Counts.Remove(value);
            Weights.Remove(value);
        }
    }
}
