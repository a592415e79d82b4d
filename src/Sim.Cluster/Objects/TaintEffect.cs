namespace Sim.Cluster.Objects;

/// <summary>What a taint does to pods that do not tolerate it.</summary>
public enum TaintEffect
{
    /// <summary>New pods are not scheduled onto the node.</summary>
    NoSchedule,

    /// <summary>The scheduler avoids the node if it can.</summary>
    PreferNoSchedule,

    /// <summary>New pods are not scheduled and running pods are evicted (after their toleration seconds).</summary>
    NoExecute,
}
