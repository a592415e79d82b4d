namespace Sim.Scheduling;

/// <summary>
/// Remembers a score plugin's raw score of each node for one pod key (e.g. the pod's request vector),
/// for plugins whose score of a node depends only on that key and on the node's own state. An entry
/// holds the node object and its <see cref="NodeInfo.Generation"/> when scored, so any change to the
/// node (a pod added or removed, the node object replaced) makes it a miss, as does a clone or a node
/// outside a snapshot (no slot). A new key forgets every entry at once (an epoch), so consecutive pods
/// of one workload, which share their requests, cost a lookup per node instead of the arithmetic.
/// </summary>
/// <remarks>
/// kube-scheduler had a cache in this spirit for predicates (the equivalence class cache of 1.10–1.12,
/// keyed by the pod's owner and invalidated by cluster events); this one is keyed by the inputs
/// themselves, so it cannot go stale: a hit returns what the arithmetic would.
/// </remarks>
internal sealed class NodeScoreMemo
{
    private Entry[] _entries = [];
    private long[] _key = [];
    private int _epoch;

    /// <summary>
    /// Whether the entries hold scores for <paramref name="key"/>; when they do not, forgets them and
    /// takes <paramref name="key"/> (copied) as the key of the scores stored from now on.
    /// </summary>
    public bool Begin(ReadOnlySpan<long> key)
    {
        if (_epoch != 0 && key.SequenceEqual(_key))
        {
            return true;
        }

        if (_key.Length != key.Length)
        {
            _key = new long[key.Length];
        }

        key.CopyTo(_key);
        if (++_epoch == int.MaxValue)
        {
            // Old entries would otherwise meet a recycled epoch: start over.
            Array.Clear(_entries);
            _epoch = 1;
        }

        return false;
    }

    /// <summary>The score stored for <paramref name="node"/> in its current generation, under the current key.</summary>
    public bool TryGet(NodeInfo node, out long score)
    {
        var slot = node.Slot;
        var entries = _entries;
        if ((uint)slot < (uint)entries.Length)
        {
            ref var entry = ref entries[slot];
            if (entry.Epoch == _epoch && ReferenceEquals(entry.Node, node) && entry.Generation == node.Generation)
            {
                score = entry.Score;
                return true;
            }
        }

        score = 0;
        return false;
    }

    /// <summary>Stores <paramref name="score"/> as <paramref name="node"/>'s in its current generation (nothing for a node without a slot).</summary>
    public void Set(NodeInfo node, long score)
    {
        var slot = node.Slot;
        if (slot < 0)
        {
            return;
        }

        if (slot >= _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(slot + 1, Math.Max(64, _entries.Length * 2)));
        }

        _entries[slot] = new Entry(node, node.Generation, score, _epoch);
    }

    /// <summary>Stores the scores of a run of nodes (as <see cref="Set"/> for each).</summary>
    public void SetAll(ReadOnlySpan<NodeInfo> nodes, ReadOnlySpan<long> scores)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            Set(nodes[i], scores[i]);
        }
    }

    private readonly record struct Entry(NodeInfo Node, long Generation, long Score, int Epoch);
}
