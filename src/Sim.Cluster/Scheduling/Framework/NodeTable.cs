using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Scheduling;

/// <summary>
/// A snapshot's node list with a dense row per node, in the list's order, holding what the resource
/// filter and the remembered resource scores read for every node a cycle looks at: free cpu, memory,
/// storage and pod slots, and the node's memo cells. A cycle's run of nodes is a window of the list, so
/// its rows are one contiguous block that the processor streams in, where reading the nodes themselves
/// loads one or two scattered cache lines per node.
/// </summary>
/// <remarks>
/// The rows are copies: each <see cref="NodeInfo"/> rewrites its row on every change (and empties its
/// memo cells there). A table is built with the list and stops being <see cref="Current"/> when the
/// snapshot's list changes (a node added or removed, or moved between zones); its rows are then no
/// longer handed out, and the nodes of the next list get a new table.
/// </remarks>
internal sealed class NodeTable
{
    private readonly NodeInfo[] _list;

    /// <summary>A table for <paramref name="list"/>, attaching every node to its row.</summary>
    public NodeTable(NodeInfo[] list)
    {
        _list = list;
        Rows = new NodeRow[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            list[i].Attach(this, i);
        }
    }

    /// <summary>The rows, by position in the list.</summary>
    public NodeRow[] Rows { get; }

    /// <summary>False once the snapshot's list has changed since this table was built.</summary>
    public bool Current { get; private set; } = true;

    /// <summary>
    /// The rows of <paramref name="nodes"/> when they are a window of a current table's list (the span
    /// is that list's memory, not a copy of it), so that <c>rows[i]</c> is <c>nodes[i]</c>'s; false otherwise.
    /// </summary>
    public static bool TryGetRows(ReadOnlySpan<NodeInfo> nodes, out Span<NodeRow> rows)
    {
        rows = default;
        if (nodes.IsEmpty || nodes[0].Table is not { Current: true } table)
        {
            return false;
        }

        var start = nodes[0].TableIndex;
        var list = table._list;
        if (start + nodes.Length > list.Length || !Unsafe.AreSame(ref MemoryMarshal.GetReference(nodes), ref list[start]))
        {
            return false;
        }

        rows = table.Rows.AsSpan(start, nodes.Length);
        return true;
    }

    /// <summary>The list has changed: the rows are not handed out any more.</summary>
    public void Retire() => Current = false;
}

/// <summary>A node's row in its <see cref="NodeTable"/>.</summary>
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
