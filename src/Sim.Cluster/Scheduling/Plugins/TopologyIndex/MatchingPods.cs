using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// The pods one <see cref="PodMatcher"/> matches, counted per node and, for each <see cref="DomainSpec"/>
/// asked for, per domain; kept up to date by <see cref="PodTopologyIndex"/> as pods and nodes change.
/// Only domains with at least one matching pod have an entry.
/// </summary>
internal sealed class MatchingPods : ISlotCounts
{
    private readonly PodTopologyIndex _index;
    private readonly List<(DomainSpec Spec, Dictionary<string, long> Counts)> _domains = [];
    private int[] _perSlot;

    public MatchingPods(PodTopologyIndex index, PodMatcher matcher, int slots)
    {
        _index = index;
        Matcher = matcher;
        _perSlot = new int[Math.Max(slots, 16)];
    }

    /// <summary>Which pods are counted.</summary>
    public PodMatcher Matcher { get; }

    /// <summary>The matching pods on <paramref name="node"/> (counted afresh when the node is not the snapshot's).</summary>
    public int CountOn(NodeInfo node)
    {
        var slot = _index.SlotOf(node);
        return slot >= 0 ? _perSlot[slot] : Matcher.Count(node.Pods);
    }

    /// <summary>The matching pods on the node in <paramref name="slot"/> (a slot the index gave a node of its snapshot).</summary>
    public int CountAtSlot(int slot) => _perSlot[slot];

    /// <summary>The matching pods per slot (<see cref="CountAtSlot"/> for every slot); read only, valid until the index changes.</summary>
    public ReadOnlySpan<int> PerSlot => _perSlot;

    /// <summary>The matching pods per domain of <paramref name="spec"/> (positive counts only). Read only; valid until the snapshot changes.</summary>
    public Dictionary<string, long> Domains(DomainSpec spec)
    {
        foreach (var (s, counts) in _domains)
        {
            if (s.Equals(spec))
            {
                return counts;
            }
        }

        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (slot, labels) in _index.Nodes())
        {
            var count = _perSlot[slot];
            if (count != 0 && spec.ValueOf(labels) is { } value)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(created, value, out _) += count;
            }
        }

        _domains.Add((spec, created));
        return created;
    }

    /// <summary>Sets the count of a node just added (its domains are added by <see cref="AddNode"/>).</summary>
    internal void Recount(int slot, NodeInfo node)
    {
        if (slot >= _perSlot.Length)
        {
            Array.Resize(ref _perSlot, Math.Max(slot + 1, _perSlot.Length * 2));
        }

        _perSlot[slot] = Matcher.Count(node.Pods);
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) the node's count in every domain of the node's <paramref name="labels"/>.</summary>
    internal void AddNode(int slot, ImmutableSortedDictionary<string, string> labels, int sign)
    {
        var count = _perSlot[slot];
        if (count == 0)
        {
            return;
        }

        foreach (var (spec, counts) in _domains)
        {
            if (spec.ValueOf(labels) is { } value)
            {
                Change(counts, value, sign * count);
            }
        }
    }

    /// <summary>A matching pod was added (1) to or removed (-1) from the node in <paramref name="slot"/>.</summary>
    internal void AddPod(int slot, ImmutableSortedDictionary<string, string> labels, int delta)
    {
        _perSlot[slot] += delta;
        foreach (var (spec, counts) in _domains)
        {
            if (spec.ValueOf(labels) is { } value)
            {
                Change(counts, value, delta);
            }
        }
    }

    /// <summary>Forgets a removed node's count.</summary>
    internal void Clear(int slot) => _perSlot[slot] = 0;

    private static void Change(Dictionary<string, long> counts, string value, long delta)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _);
        count += delta;
        if (count == 0)
        {
            counts.Remove(value);
        }
    }
}
