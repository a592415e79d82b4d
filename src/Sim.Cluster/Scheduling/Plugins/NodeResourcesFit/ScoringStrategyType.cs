namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>The scoring strategies of NodeResourcesFit (upstream's <c>ScoringStrategyType</c> values).</summary>
public static class ScoringStrategyType
{
    /// <summary>Favours nodes with the most room left (spreading); the default.</summary>
    public const string LeastAllocated = "LeastAllocated";

    /// <summary>Favours nodes with the least room left (bin packing).</summary>
    public const string MostAllocated = "MostAllocated";

    /// <summary>Scores utilization through a piecewise-linear shape.</summary>
    public const string RequestedToCapacityRatio = "RequestedToCapacityRatio";

    /// <summary>The supported types, sorted, as validation lists them.</summary>
    internal static IReadOnlyList<string> Supported { get; } = [LeastAllocated, MostAllocated, RequestedToCapacityRatio];
}
