using Sim.Scheduling.Plugins.Helper;

namespace Sim.Scheduling.Plugins.WorstFit;

/// <summary>
/// Worst Fit: prefers the node with the most room left after placing the pod (spreading load). Not an
/// upstream plugin: part of the policy catalogue (<see cref="Policies.PolicyCatalogue"/>).
/// </summary>
/// <remarks>
/// <para>
/// Raw score: the leftover after placement, summed over cpu, memory and <c>nvidia.com/gpu</c> as shares
/// of the node's allocatable in parts per million, <c>Σ_r (allocatable_r − requested_r − request_r) × 10⁶ / allocatable_r</c>
/// (a resource the node lacks counts 0), as <see cref="BestFit.BestFit"/>'s. Higher is better.
/// </para>
/// <para>
/// NormalizeScore: min-max, <c>100 × (raw − min) / (max − min)</c> truncated, so exactly the emptiest
/// nodes get 100 (all 100 when every raw score is equal). See docs/policies.md.
/// </para>
/// </remarks>
public sealed class WorstFit : IScorePlugin, IScoreExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "WorstFit";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        return PackingResources.LeftoverAfterPlacement(pod, node);
    }

    /// <inheritdoc />
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores) => MinMaxNormalize.Apply(scores, lowerIsBetter: false);
}
