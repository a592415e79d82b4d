using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A topology spread constraint, with Kubernetes' defaults for the optional fields.</summary>
/// <param name="MaxSkew">The largest allowed difference of matching pods between two domains (at least 1).</param>
/// <param name="TopologyKey">The node label that defines the domains.</param>
/// <param name="WhenUnsatisfiable">Filter or score.</param>
/// <param name="LabelSelector">Which pods are counted.</param>
/// <param name="MinDomains">With DoNotSchedule: fewer eligible domains than this count as zero-pod domains; null is 1.</param>
/// <param name="NodeAffinityPolicy">Whether nodes outside the pod's node affinity count (default Honor).</param>
/// <param name="NodeTaintsPolicy">Whether nodes with untolerated taints count (default Ignore).</param>
/// <param name="MatchLabelKeys">Pod label keys whose values are added to the selector.</param>
public sealed record TopologySpreadConstraint(
    int MaxSkew,
    string TopologyKey,
    WhenUnsatisfiable WhenUnsatisfiable,
    LabelSelector LabelSelector,
    int? MinDomains = null,
    NodeInclusionPolicy NodeAffinityPolicy = NodeInclusionPolicy.Honor,
    NodeInclusionPolicy NodeTaintsPolicy = NodeInclusionPolicy.Ignore,
    ImmutableArray<string> MatchLabelKeys = default);
