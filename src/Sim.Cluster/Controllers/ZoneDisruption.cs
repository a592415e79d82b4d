using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The node lifecycle controller's zone rules (upstream <c>ComputeZoneState</c>, <c>HealthyQPSFunc</c>,
/// <c>ReducedQPSFunc</c> and <c>setLimiterInZone</c>): a zone's state from its nodes' Ready conditions,
/// and the rate at which the zone's failed nodes are tainted NoExecute in each state.
/// </summary>
public static class ZoneDisruption
{
    /// <summary>A node with this label (any value) does not count in its zone's state (upstream <c>node.kubernetes.io/exclude-disruption</c>).</summary>
    public const string ExcludeDisruptionLabel = "node.kubernetes.io/exclude-disruption";

    /// <summary>
    /// The state of a zone with <paramref name="readyNodes"/> nodes Ready and <paramref name="notReadyNodes"/>
    /// not (False or Unknown): FullDisruption when none is Ready, PartialDisruption when more than 2
    /// are not Ready and they are at least <paramref name="unhealthyZoneThreshold"/> of the zone,
    /// Normal otherwise (and for an empty zone).
    /// </summary>
    public static ZoneState ComputeZoneState(int readyNodes, int notReadyNodes, double unhealthyZoneThreshold)
    {
        if (readyNodes == 0 && notReadyNodes > 0)
        {
            return ZoneState.FullDisruption;
        }

        // Upstream compares in float32; so do we, so that a ratio equal to the threshold compares alike.
        return notReadyNodes > 2 && (float)notReadyNodes / (notReadyNodes + readyNodes) >= (float)unhealthyZoneThreshold
            ? ZoneState.PartialDisruption
            : ZoneState.Normal;
    }

    /// <summary>
    /// The tainting rate (nodes per second) of a zone of <paramref name="zoneSize"/> counted nodes in
    /// <paramref name="state"/>: the normal rate when Normal or FullDisruption, when PartialDisruption the
    /// secondary rate if the zone has more than <see cref="ClusterTimings.LargeClusterSizeThreshold"/>
    /// nodes and zero otherwise; null for <see cref="ZoneState.Initial"/>, which keeps the rate it has.
    /// </summary>
    public static double? Rate(ZoneState state, int zoneSize, ClusterTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return state switch
        {
            ZoneState.Normal => timings.NodeEvictionRate,
            ZoneState.PartialDisruption => ReducedRate(zoneSize, timings),
            ZoneState.FullDisruption => HealthyRate(timings),
            _ => null,
        };
    }

    /// <summary>The rate of a fully disrupted zone while other zones are not (upstream <c>HealthyQPSFunc</c>): the normal rate.</summary>
    public static double HealthyRate(ClusterTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return timings.NodeEvictionRate;
    }

    /// <summary>The rate of a partially disrupted zone (upstream <c>ReducedQPSFunc</c>): the secondary rate above the large-cluster threshold, else zero.</summary>
    public static double ReducedRate(int zoneSize, ClusterTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return zoneSize > timings.LargeClusterSizeThreshold ? timings.SecondaryNodeEvictionRate : 0;
    }

    /// <summary>Whether <paramref name="node"/> counts in its zone's state (it lacks <see cref="ExcludeDisruptionLabel"/>).</summary>
    public static bool Counts(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return !node.Metadata.Labels.ContainsKey(ExcludeDisruptionLabel);
    }
}
