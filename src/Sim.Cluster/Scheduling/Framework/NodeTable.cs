using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Cluster.Objects;

namespace Sim.Scheduling;

/// <summary>
/// A snapshot's node list with a dense row per node, in the list's order, holding what the resource
/// filter and the remembered resource scores read for every node a cycle looks at: free cpu, memory,
/// storage and pod slots, and the node's memo cells; and columns of what the topology plugins read: the
/// values of a few label keys and the nodes' slots in the topology indexes. A cycle's run of nodes is a
/// window of the list, so its rows are one contiguous block that the processor streams in, where reading
/// the nodes themselves loads one or two scattered cache lines per node. A window that runs past the
/// list's end and on from its start is a window of the <see cref="Ring"/>, the list laid out twice, and
/// the rows and columns are laid out twice to match.
/// </summary>
/// <remarks>
/// The rows are copies: each <see cref="NodeInfo"/> rewrites both its rows on every change (and empties
/// its memo cells there), and its label values when its node object is replaced. A table is built with
/// the list and stops being <see cref="Current"/> when the snapshot's list changes (a node added or
/// removed, or moved between zones); its rows are then no longer handed out, and the nodes of the next
/// list get a new table.
/// </remarks>
internal sealed class NodeTable
{
    /// <summary>Up to how many label keys a table keeps columns for.</summary>
    public const int MaxLabelColumns = 8;

    private readonly NodeInfo[] _list;
    private LabelColumn[] _labelColumns = [];
    private object[] _slotOwners = [];
    private int[][] _slotColumns = [];

    /// <summary>A table for <paramref name="list"/>, attaching every node to its row.</summary>
    public NodeTable(NodeInfo[] list)
    {
        _list = list;
        Ring = [.. list, .. list];
        Rows = new NodeRow[list.Length * 2];
        for (var i = 0; i < list.Length; i++)
        {
            list[i].Attach(this, i);
        }
    }

    /// <summary>
    /// The list twice over, so that a search's window that runs past the list's end and on from its start
    /// is one contiguous span (<see cref="TryGetWindow"/>); the columns are kept twice over to match.
    /// </summary>
    public NodeInfo[] Ring { get; }

    /// <summary>The number of nodes in the list.</summary>
    public int Count => _list.Length;

    /// <summary>The rows, by position in the list, then the same again (as the <see cref="Ring"/>): a node writes both of its rows.</summary>
    public NodeRow[] Rows { get; }

    /// <summary>False once the snapshot's list has changed since this table was built.</summary>
    public bool Current { get; private set; } = true;

    /// <summary>
    /// The rows of <paramref name="nodes"/> when they are a window of a current table's list or ring (the
    /// span is that memory, not a copy of it), so that <c>rows[i]</c> is <c>nodes[i]</c>'s; false otherwise.
    /// </summary>
    public static bool TryGetRows(ReadOnlySpan<NodeInfo> nodes, out Span<NodeRow> rows)
    {
        if (!TryGetWindow(nodes, out var table, out var start))
        {
            rows = default;
            return false;
        }

        rows = table.Rows.AsSpan(start, nodes.Length);
        return true;
    }

    /// <summary>
    /// The current table whose list or <see cref="Ring"/> <paramref name="nodes"/> is a window of (the span
    /// is that memory, not a copy of it), and where the window starts in the ring, so that entry
    /// <c>start + i</c> of a column is <c>nodes[i]</c>'s; false otherwise.
    /// </summary>
    public static bool TryGetWindow(ReadOnlySpan<NodeInfo> nodes, [NotNullWhen(true)] out NodeTable? table, out int start)
    {
        start = 0;
        table = null;
        if (nodes.IsEmpty || nodes[0].Table is not { Current: true } current)
        {
            return false;
        }

        var index = nodes[0].TableIndex;
        var list = current._list;
        ref var first = ref MemoryMarshal.GetReference(nodes);
        if (index + nodes.Length <= list.Length && Unsafe.AreSame(ref first, ref list[index]))
        {
            start = index;
        }
        else if (index + nodes.Length <= current.Ring.Length && Unsafe.AreSame(ref first, ref current.Ring[index]))
        {
            start = index;
        }
        else if (index + list.Length + nodes.Length <= current.Ring.Length && Unsafe.AreSame(ref first, ref current.Ring[index + list.Length]))
        {
            start = index + list.Length;
        }
        else
        {
            return false;
        }

        table = current;
        return true;
    }

    /// <summary>
    /// The ring window of the <paramref name="count"/> nodes from list position <paramref name="start"/> on
    /// (wrapping to the list's start), when <paramref name="list"/> is a current table's list.
    /// </summary>
    public static bool TryGetRingWindow(NodeInfo[] list, int start, int count, [NotNullWhen(true)] out NodeInfo[]? ring)
    {
        ring = null;
        if (list.Length == 0 || count > list.Length || list[0].Table is not { Current: true } table || !ReferenceEquals(table._list, list))
        {
            return false;
        }

        ring = table.Ring;
        return start + count <= ring.Length;
    }

    /// <summary>
    /// Each row's value of the node label <paramref name="key"/> (<see cref="LabelColumn"/>, twice over as the
    /// <see cref="Ring"/>), built on first
    /// use and kept in step as nodes change; null when the table already keeps <see cref="MaxLabelColumns"/>
    /// other keys (the caller then reads the nodes).
    /// </summary>
    public LabelColumn? Labels(string key)
    {
        foreach (var column in _labelColumns)
        {
            if (string.Equals(column.Key, key, StringComparison.Ordinal))
            {
                return column;
            }
        }

        if (_labelColumns.Length == MaxLabelColumns)
        {
            return null;
        }

        var created = new LabelColumn(key, _list);
        _labelColumns = [.. _labelColumns, created];
        return created;
    }

    /// <summary>
    /// Each row's slot in the topology index <paramref name="owner"/>, −1 for a node whose slot it did not
    /// note in the node (<see cref="NodeInfo.TryGetIndexSlot"/>), twice over as the <see cref="Ring"/>; built on first use and kept in step as
    /// the index notes and forgets slots; null for a third index (two are kept, as in the nodes).
    /// </summary>
    public int[]? IndexSlots(object owner)
    {
        for (var k = 0; k < _slotOwners.Length; k++)
        {
            if (ReferenceEquals(_slotOwners[k], owner))
            {
                return _slotColumns[k];
            }
        }

        if (_slotOwners.Length == 2)
        {
            return null;
        }

        var slots = new int[Ring.Length];
        for (var i = 0; i < _list.Length; i++)
        {
            slots[i] = slots[i + _list.Length] = _list[i].TryGetIndexSlot(owner, out var slot) ? slot : -1;
        }

        _slotOwners = [.. _slotOwners, owner];
        _slotColumns = [.. _slotColumns, slots];
        return slots;
    }

    /// <summary>The node of row <paramref name="row"/> was replaced: its label values are read again.</summary>
    internal void NodeChanged(int row, Node node)
    {
        foreach (var column in _labelColumns)
        {
            column.Set(row, node);
        }
    }

    /// <summary>The node of row <paramref name="row"/> got <paramref name="slot"/> (−1: none) in index <paramref name="owner"/>.</summary>
    internal void IndexSlotChanged(int row, object owner, int slot)
    {
        for (var k = 0; k < _slotOwners.Length; k++)
        {
            if (ReferenceEquals(_slotOwners[k], owner))
            {
                _slotColumns[k][row] = _slotColumns[k][row + _list.Length] = slot;
            }
        }
    }

    /// <summary>The list has changed: the rows are not handed out any more.</summary>
    public void Retire() => Current = false;
}

/// <summary>
/// A node's row in its <see cref="NodeTable"/>. The first four fields, in this order, are read as one vector
/// by the resource filter (<c>ResourceFit.FitsAll</c>): the layout is sequential.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NodeRow
{
    /// <summary>Allocatable minus requested milli-cpu.</summary>
    public long FreeMilliCpu;

    /// <summary>Allocatable minus requested memory.</summary>
    public long FreeMemory;

    /// <summary>Allocatable minus requested ephemeral storage.</summary>
    public long FreeEphemeralStorage;

    /// <summary>Allowed pods minus pods on the node.</summary>
    public long FreePods;

    /// <summary>The node's memo cells while it is in a current table (<see cref="NodeInfo.Memo"/>).</summary>
    public MemoCells Memo;
}

/// <summary>
/// One node label's values down a <see cref="NodeTable"/>: per row an id into <see cref="Values"/>, −1 when
/// the node lacks the label. Topology plugins read a cycle's window of ids instead of each node's label map;
/// a value keeps its id for the table's life (values no node has any more are not taken out). The column
/// also knows whether no two nodes share a value (<see cref="AllDistinct"/>, as hostnames usually are):
/// then a count per domain is a count per node.
/// </summary>
internal sealed class LabelColumn
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    // Per id, how many rows (of the list, not the ring) hold the value; and how many ids more than one does.
    private readonly List<int> _rowsOf = [];
    private int _sharedIds;

    /// <summary>The column of <paramref name="key"/> for the nodes of <paramref name="list"/>.</summary>
    public LabelColumn(string key, NodeInfo[] list)
    {
        Key = key;
        Ids = new int[list.Length * 2];
        Array.Fill(Ids, -1);
        for (var i = 0; i < list.Length; i++)
        {
            Set(i, list[i].Node);
        }
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>
    /// Per row, the id of the node's value in <see cref="Values"/>, or −1 when it lacks the label; then the
    /// same again (entry <c>row + rows</c> is row's too), as the table's <see cref="NodeTable.Ring"/>.
    /// </summary>
    public int[] Ids { get; }

    /// <summary>The values by id.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>True when no two rows hold the same value (rows without the label aside).</summary>
    public bool AllDistinct => _sharedIds == 0;

    /// <summary>Reads row <paramref name="row"/>'s value from <paramref name="node"/>.</summary>
    public void Set(int row, Node node)
    {
        var half = Ids.Length / 2;
        var id = -1;
        if (node.Metadata.Labels.TryGetValue(Key, out var value))
        {
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
            if (!exists)
            {
                known = _values.Count;
                _values.Add(value);
                _rowsOf.Add(0);
            }

            id = known;
        }

        var old = Ids[row];
        if (old == id)
        {
            return;
        }

        if (old >= 0 && --_rowsOf[old] == 1)
        {
            _sharedIds--;
        }

        if (id >= 0 && ++_rowsOf[id] == 2)
        {
            _sharedIds++;
        }

        Ids[row] = Ids[row + half] = id;
    }
}
