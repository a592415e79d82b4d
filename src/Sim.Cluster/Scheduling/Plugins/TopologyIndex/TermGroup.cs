using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// The placed pods' affinity terms of one kind that are equal (same namespaces, selector and topology
/// key), with how many of them sit in each domain of the key and the sum of their weights there.
/// Only domains holding at least one such term have an entry. The same counts per node (by the index's
/// slot) let a filter that knows no two nodes share a domain skip the node's label.
/// </summary>
internal sealed class TermGroup : ISlotCounts
{
    // Null unless the group keeps its counts per node (required anti-affinity, which Filter reads).
    private readonly Dictionary<int, int>? _bySlot;

    /// <summary>A group of terms equal to <paramref name="term"/>; with <paramref name="bySlot"/>, counted per node too (<see cref="CountAtSlot"/>).</summary>
    public TermGroup(AffinityTerm term, bool bySlot)
    {
        Term = term;
        _bySlot = bySlot ? [] : null;
    }

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

    /// <summary>True when the group keeps its counts per node.</summary>
    public bool HasSlotCounts => _bySlot is not null;

    /// <summary>How many terms are on the node in <paramref name="slot"/>, if it has the key (0 otherwise).</summary>
    /// <exception cref="InvalidOperationException">When the group does not keep counts per node.</exception>
    public int CountAtSlot(int slot)
    {
        if (_bySlot is null)
        {
            throw new InvalidOperationException("This term group does not keep counts per node.");
        }

        return _bySlot.TryGetValue(slot, out var count) ? count : 0;
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or takes away (-1) one term of <paramref name="weight"/> on the node in
    /// <paramref name="slot"/>, with <paramref name="labels"/>.
    /// </summary>
    public void Add(ImmutableSortedDictionary<string, string> labels, int slot, int weight, int sign)
    {
        Terms += sign;
        if (!labels.TryGetValue(Key, out var value))
        {
            return;
        }

        if (_bySlot is not null)
        {
            ref var atSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySlot, slot, out _);
            atSlot += sign;
            if (atSlot == 0)
            {
                _bySlot.Remove(slot);
            }
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
