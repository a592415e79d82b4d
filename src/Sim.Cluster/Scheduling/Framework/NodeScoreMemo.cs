namespace Sim.Scheduling;

/// <summary>
/// Remembers a score plugin's raw score of each node for one pod key (e.g. the pod's request vector),
/// for plugins whose score of a node depends only on that key and on the node's own state. The score
/// lives in one of the node's memo cells (<see cref="NodeInfo.Memo"/>), beside the totals the scoring
/// reads, stamped with the key it was computed under. Any change to the node (a pod added or removed,
/// the node object replaced) empties its cells, and a clone starts with empty ones. A new key takes a
/// stamp never used before by any memo, so it forgets every node's entry at once; consecutive pods of
/// one workload, which share their requests, cost a read per node instead of the arithmetic.
/// </summary>
/// <remarks>
/// <para>
/// kube-scheduler had a cache in this spirit for predicates (the equivalence class cache of 1.10–1.12,
/// keyed by the pod's owner and invalidated by cluster events); this one is keyed by the inputs
/// themselves, so it cannot go stale: a hit returns what the arithmetic would.
/// </para>
/// <para>
/// Memos that share a cell (two profiles' NodeResourcesFit, say) overwrite each other's entries: that
/// costs hits, never correctness, since a stamp belongs to one memo and one key.
/// </para>
/// </remarks>
internal sealed class NodeScoreMemo
{
    /// <summary>The cell NodeResourcesFit's scoring strategies use.</summary>
    public const int NodeResourcesFitCell = 0;

    /// <summary>The cell NodeResourcesBalancedAllocation uses.</summary>
    public const int BalancedAllocationCell = 1;

    // The last stamp handed out, by any memo: stamps are never reused, so a cell cannot match a key it
    // was not computed under.
    private static long _lastStamp;

    private readonly int _cell;
    private long[]? _key;
    private int[] _missed = [];

    // Never 0 (an empty cell's stamp): a memo without a key yet has a stamp no cell holds.
    private long _stamp = Interlocked.Increment(ref _lastStamp);

    /// <summary>A memo keeping its scores in memo cell <paramref name="cell"/> of each node.</summary>
    public NodeScoreMemo(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, MemoCells.Count);
        _cell = cell;
    }

    /// <summary>
    /// Whether the nodes' entries hold scores for <paramref name="key"/>; when they do not, forgets them
    /// and takes <paramref name="key"/> (copied) as the key of the scores stored from now on.
    /// </summary>
    public bool Begin(ReadOnlySpan<long> key)
    {
        if (_key is not null && key.SequenceEqual(_key))
        {
            return true;
        }

        if (_key is null || _key.Length != key.Length)
        {
            _key = new long[key.Length];
        }

        key.CopyTo(_key);
        _stamp = Interlocked.Increment(ref _lastStamp);
        return false;
    }

    /// <summary>The score stored for <paramref name="node"/> since it last changed, under the current key.</summary>
    public bool TryGet(NodeInfo node, out long score)
    {
        ref readonly var cell = ref node.Memo(_cell);
        score = cell.Value;
        return cell.Stamp == _stamp;
    }

    /// <summary>
    /// Reads the remembered score of each of <paramref name="nodes"/> into <paramref name="scores"/>, and
    /// returns the positions (ascending) of the nodes without one, to be scored and <see cref="Set"/>. A
    /// window of the snapshot's list is read from its rows (<see cref="NodeTable"/>) without touching the nodes.
    /// </summary>
    public ReadOnlySpan<int> Recall(ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        if (_missed.Length < nodes.Length)
        {
            _missed = new int[Math.Max(nodes.Length, 64)];
        }

        var missed = 0;
        if (NodeTable.TryGetRows(nodes, out var rows))
        {
            // The stamp, the cell and the buffer held in locals: the loop reads only the rows.
            var (stamp, index, misses) = (_stamp, _cell, _missed);
            scores = scores[..rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                ref readonly var cell = ref rows[i].Memo[index];
                if (cell.Stamp == stamp)
                {
                    scores[i] = cell.Value;
                }
                else
                {
                    misses[missed++] = i;
                }
            }
        }
        else
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (TryGet(nodes[i], out var score))
                {
                    scores[i] = score;
                }
                else
                {
                    _missed[missed++] = i;
                }
            }
        }

        return _missed.AsSpan(0, missed);
    }

    /// <summary>Stores <paramref name="score"/> as <paramref name="node"/>'s in its current state.</summary>
    public void Set(NodeInfo node, long score) => node.SetMemo(_cell, new MemoCell { Stamp = _stamp, Value = score });

    /// <summary>Stores the scores of a run of nodes (as <see cref="Set"/> for each).</summary>
    public void SetAll(ReadOnlySpan<NodeInfo> nodes, ReadOnlySpan<long> scores)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            Set(nodes[i], scores[i]);
        }
    }
}
