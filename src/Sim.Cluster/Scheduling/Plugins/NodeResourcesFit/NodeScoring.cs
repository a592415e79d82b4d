namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>Upstream's score range constants (<c>framework.MaxNodeScore</c>, <c>config.MaxCustomPriorityScore</c>).</summary>
internal static class NodeScoring
{
    /// <summary>The highest score a plugin gives a node after normalization.</summary>
    public const long MaxNodeScore = 100;

    /// <summary>The highest score of a RequestedToCapacityRatio shape point.</summary>
    public const long MaxCustomPriorityScore = 10;
}
