using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>How NodeResourcesFit scores nodes (upstream's <c>ScoringStrategy</c>).</summary>
public sealed record ScoringStrategy
{
    /// <summary>The default strategy: LeastAllocated over cpu and memory, weight 1 each.</summary>
    public static ScoringStrategy Default { get; } = new() { Type = ScoringStrategyType.LeastAllocated };

    /// <summary>One of <see cref="ScoringStrategyType"/>'s values. Required: upstream has no default once a strategy is given.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The resources scored, with weights; defaults to cpu and memory with weight 1.</summary>
    public ImmutableArray<ResourceSpec> Resources { get; init; } = ResourceSpec.Defaults;

    /// <summary>The shape, for <see cref="ScoringStrategyType.RequestedToCapacityRatio"/>.</summary>
    public RequestedToCapacityRatioParam? RequestedToCapacityRatio { get; init; }
}
