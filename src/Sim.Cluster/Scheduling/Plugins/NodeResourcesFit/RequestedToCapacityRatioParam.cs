using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>The parameters of the RequestedToCapacityRatio strategy (upstream's <c>RequestedToCapacityRatioParam</c>).</summary>
public sealed record RequestedToCapacityRatioParam
{
    /// <summary>The shape, points in increasing utilization; at least one is required.</summary>
    public ImmutableArray<UtilizationShapePoint> Shape { get; init; } = [];
}
