namespace Sim.Scheduling;

/// <summary>
/// Told of every change to a <see cref="Snapshot"/>'s nodes and pods, right after it happened, so that a
/// plugin can keep counts across cycles instead of recounting every pod each cycle
/// (<see cref="Snapshot.Subscribe"/>). Changes made to a <see cref="NodeInfo"/> directly (preemption's
/// copies) are not reported: they are not the snapshot's.
/// </summary>
public interface ISnapshotObserver
{
    /// <summary>A node was added (with no pods yet).</summary>
    void NodeAdded(NodeInfo node);

    /// <summary>A node's object was replaced (its labels may have changed; its pods did not).</summary>
    void NodeUpdated(NodeInfo node);

    /// <summary>A node was removed; <paramref name="node"/> still lists the pods it had, which the snapshot forgot with it.</summary>
    void NodeRemoved(NodeInfo node);

    /// <summary><paramref name="pod"/> was put on <paramref name="node"/>.</summary>
    void PodAdded(NodeInfo node, PodInfo pod);

    /// <summary><paramref name="pod"/> was taken off <paramref name="node"/> (also before a pod is put back in a newer version).</summary>
    void PodRemoved(NodeInfo node, PodInfo pod);
}
