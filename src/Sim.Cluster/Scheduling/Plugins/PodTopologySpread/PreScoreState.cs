using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// What PreScore computed for Score and NormalizeScore (upstream's <c>preScoreState</c>): the pod's
/// ScheduleAnyway constraints, the feasible nodes ignored for lacking a topology key, the matching pods
/// per domain (hostname constraints are counted per node in Score) and each constraint's weight.
/// </summary>
internal sealed class PreScoreState : IStateData
{
    /// <summary>Up to how many domains a constraint's counts are also kept as arrays (<see cref="FewDomains"/>).</summary>
    public const int MaxFewDomains = 8;

    public PreScoreState(SpreadConstraint[] constraints, MatchingPods?[] hostCounts, string ns)
    {
        Constraints = constraints;
        HostCounts = hostCounts;
        Namespace = ns;
        TopologyValueToPodCounts = new Dictionary<string, long>[constraints.Length];
        TopologyNormalizingWeight = new double[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            TopologyValueToPodCounts[i] = constraints[i].IsHostname ? NoDomains : new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>The ScheduleAnyway constraints.</summary>
    public SpreadConstraint[] Constraints { get; }

    // Shared, never written: the (empty) counts of every hostname constraint, and no ignored node.
    private static readonly Dictionary<string, long> NoDomains = new(StringComparer.Ordinal);
    private static readonly HashSet<string> NoIgnoredNodes = new(StringComparer.Ordinal);
    private HashSet<string>? _ignoredNodes;

    /// <summary>Feasible nodes missing a topology key of the pod's own constraints: scored 0 (read only; see <see cref="Ignore"/>).</summary>
    public IReadOnlySet<string> IgnoredNodes => _ignoredNodes ?? NoIgnoredNodes;

    /// <summary>The number of <see cref="IgnoredNodes"/>.</summary>
    public int IgnoredCount => _ignoredNodes?.Count ?? 0;

    /// <summary>Whether <paramref name="node"/> is ignored.</summary>
    public bool IsIgnored(string node) => _ignoredNodes is { } ignored && ignored.Contains(node);

    /// <summary>Adds <paramref name="node"/> to <see cref="IgnoredNodes"/> (the set is made for the first).</summary>
    public void Ignore(string node) => (_ignoredNodes ??= new(StringComparer.Ordinal)).Add(node);

    /// <summary>
    /// Per constraint, the matching pods in each domain of the feasible nodes; for a hostname constraint
    /// one shared empty map, which nothing writes (its counts are read per node in Score).
    /// </summary>
    public Dictionary<string, long>[] TopologyValueToPodCounts { get; }

    /// <summary>Per constraint, <c>ln(domains + 2)</c>, so that small topologies are not drowned by large ones.</summary>
    public double[] TopologyNormalizingWeight { get; }

    /// <summary>Per constraint, the index's counts of matching pods (per node for hostname constraints); null when recounting or for an empty selector.</summary>
    public MatchingPods?[] HostCounts { get; }

    /// <summary>The pod's namespace, whose pods are counted.</summary>
    public string Namespace { get; }

    /// <summary>
    /// Per constraint with a few domains (zones, regions), its counts as parallel arrays of domain values
    /// and counts, which a node's value is found in by comparing a few short strings instead of hashing
    /// it; null for hostname constraints and for many domains. Set by <see cref="Seal"/>.
    /// </summary>
    public (string[] Values, long[] Counts)?[] FewDomains { get; private set; } = [];

    /// <summary>The count of the domain <paramref name="value"/> of constraint <paramref name="index"/> (0 when it is not counted).</summary>
    public long DomainCount(int index, string value)
    {
        if (FewDomains[index] is var (values, counts))
        {
            for (var j = 0; j < values.Length; j++)
            {
                if (string.Equals(values[j], value, StringComparison.Ordinal))
                {
                    return counts[j];
                }
            }

            return 0;
        }

        return TopologyValueToPodCounts[index].GetValueOrDefault(value);
    }

    /// <summary>The counts are final: takes the arrays of <see cref="FewDomains"/>.</summary>
    public void Seal()
    {
        FewDomains = new (string[], long[])?[Constraints.Length];
        for (var i = 0; i < Constraints.Length; i++)
        {
            var map = TopologyValueToPodCounts[i];
            if (!Constraints[i].IsHostname && map.Count <= MaxFewDomains)
            {
                // One pass over the entries (the dictionary's Keys and Values would each make a view of it).
                var values = new string[map.Count];
                var counts = new long[map.Count];
                var j = 0;
                foreach (var (value, count) in map)
                {
                    values[j] = value;
                    counts[j++] = count;
                }

                FewDomains[i] = (values, counts);
            }
        }
    }

    /// <summary>Not copied: nothing changes it after PreScore (as upstream).</summary>
    public IStateData Clone() => this;
}
