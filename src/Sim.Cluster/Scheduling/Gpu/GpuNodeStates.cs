using System.Runtime.CompilerServices;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A cache of <see cref="GpuNodeState"/>s, one per <see cref="NodeInfo"/>, recomputed when the node's
/// <see cref="NodeInfo.Generation"/> moves (a pod added or removed, the node replaced). Each GPU plugin
/// keeps one; entries go with their <see cref="NodeInfo"/> (a weak table), so the copies preemption
/// makes leave nothing behind.
/// </summary>
public sealed class GpuNodeStates
{
    private readonly ConditionalWeakTable<NodeInfo, GpuNodeState> _states = [];

    /// <summary>The current state of <paramref name="node"/>.</summary>
    public GpuNodeState Get(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_states.TryGetValue(node, out var state))
        {
            state = new GpuNodeState();
            _states.Add(node, state);
        }

        if (state.Generation != node.Generation)
        {
            state.Rebuild(node);
        }

        return state;
    }
}
