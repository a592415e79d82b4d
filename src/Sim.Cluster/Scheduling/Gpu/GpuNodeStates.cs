using System.Runtime.CompilerServices;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A cache of <see cref="GpuNodeState"/>s, one per <see cref="NodeInfo"/>, recomputed when the node's
/// <see cref="NodeInfo.Generation"/> moves (a pod added or removed, the node replaced). Each GPU plugin
/// keeps one; entries go with their <see cref="NodeInfo"/> (a weak table), so the copies preemption
/// makes leave nothing behind.
/// </summary>
/// <remarks>
/// A plugin asks for every node of every cycle, so the weak table's lookup (its buckets, its entries, a
/// dependent handle: three cache misses on a large cluster) is most of a cheap plugin's cost. In front
/// of it sits a two-way set-associative table of strong references indexed by the node object's
/// identity hash, where a hit is one read. It keeps at most <see cref="Sets"/> × 2 nodes alive, whatever
/// copies preemption makes; a node that finds both ways of its set taken replaces the older.
/// </remarks>
public sealed class GpuNodeStates
{
    private const int Sets = 4096;

    private readonly ConditionalWeakTable<NodeInfo, GpuNodeState> _states = [];
    private readonly Entry[] _recent = new Entry[2 * Sets];

    /// <summary>The current state of <paramref name="node"/>.</summary>
    public GpuNodeState Get(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var set = 2 * (RuntimeHelpers.GetHashCode(node) & (Sets - 1));
        var recent = _recent;
        GpuNodeState? state;
        if (ReferenceEquals(recent[set].Node, node))
        {
            state = recent[set].State!;
        }
        else if (ReferenceEquals(recent[set + 1].Node, node))
        {
            state = recent[set + 1].State!;
        }
        else
        {
            if (!_states.TryGetValue(node, out state))
            {
                state = new GpuNodeState();
                _states.Add(node, state);
            }

            recent[set + 1] = recent[set];
            recent[set] = new Entry(node, state);
        }

        if (state.Generation != node.Generation)
        {
            state.Rebuild(node);
        }

        return state;
    }

    private readonly record struct Entry(NodeInfo? Node, GpuNodeState? State);
}
