using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// What PreScore computed for Score and NormalizeScore (upstream's <c>preScoreState</c>): the pod's
/// ScheduleAnyway constraints, the feasible nodes ignored for lacking a topology key, the matching pods
/// per domain (hostname constraints are counted per node in Score) and each constraint's weight.
/// </summary>
internal sealed class PreScoreState : IStateData
{
    public PreScoreState(SpreadConstraint[] constraints, MatchingPods?[] hostCounts, string ns)
    {
        Constraints = constraints;
        HostCounts = hostCounts;
        Namespace = ns;
        TopologyValueToPodCounts = new Dictionary<string, long>[constraints.Length];
        TopologyNormalizingWeight = new double[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            TopologyValueToPodCounts[i] = new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>The ScheduleAnyway constraints.</summary>
    public SpreadConstraint[] Constraints { get; }

    /// <summary>Feasible nodes missing a topology key of the pod's own constraints: scored 0.</summary>
    public HashSet<string> IgnoredNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per constraint, the matching pods in each domain of the feasible nodes (empty for hostname constraints).</summary>
    public Dictionary<string, long>[] TopologyValueToPodCounts { get; }

    /// <summary>Per constraint, <c>ln(domains + 2)</c>, so that small topologies are not drowned by large ones.</summary>
    public double[] TopologyNormalizingWeight { get; }

    /// <summary>Per constraint, the index's counts of matching pods (per node for hostname constraints); null when recounting or for an empty selector.</summary>
    public MatchingPods?[] HostCounts { get; }

    /// <summary>The pod's namespace, whose pods are counted.</summary>
    public string Namespace { get; }

    /// <summary>Not copied: nothing changes it after PreScore (as upstream).</summary>
    public IStateData Clone() => this;
}
