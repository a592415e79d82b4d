namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>Where a pod without constraints of its own gets default constraints from (upstream's <c>defaultingType</c>).</summary>
public enum PodTopologySpreadConstraintsDefaulting
{
    /// <summary>
    /// The built-in defaults: <c>kubernetes.io/hostname</c> with maxSkew 3 and <c>topology.kubernetes.io/zone</c>
    /// with maxSkew 5, both ScheduleAnyway. <see cref="PodTopologySpreadArgs.DefaultConstraints"/> must be empty.
    /// </summary>
    System,

    /// <summary>The constraints listed in <see cref="PodTopologySpreadArgs.DefaultConstraints"/> (none when it is empty).</summary>
    List,
}
