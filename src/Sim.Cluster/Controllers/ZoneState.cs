namespace Sim.Cluster.Controllers;

/// <summary>
/// The health of a zone as the node lifecycle controller sees it (upstream <c>ZoneState</c>); it sets
/// how fast the zone's failed nodes are tainted NoExecute.
/// </summary>
public enum ZoneState
{
    /// <summary>The zone was seen for the first time in this monitor pass.</summary>
    Initial,

    /// <summary>Fewer not-Ready nodes than the partial-disruption rule asks: taint at the normal rate.</summary>
    Normal,

    /// <summary>At least 3 not-Ready nodes and at least the unhealthy-zone threshold of them: taint at the secondary rate, or not at all in a small zone.</summary>
    PartialDisruption,

    /// <summary>No Ready node: taint at the normal rate, unless every zone is fully disrupted, when tainting stops.</summary>
    FullDisruption,
}
