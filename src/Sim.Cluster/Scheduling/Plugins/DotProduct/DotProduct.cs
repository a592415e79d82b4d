using Sim.Scheduling.Plugins.Helper;

namespace Sim.Scheduling.Plugins.DotProduct;

/// <summary>
/// Tetris's alignment score: prefers the node whose free resources are shaped like the pod's request,
/// the dot product of the two vectors, each as shares of the node's allocatable (Grandl et al.,
/// "Multi-resource packing for cluster schedulers", SIGCOMM 2014). Not an upstream plugin: part of the
/// policy catalogue (<see cref="Policies.PolicyCatalogue"/>).
/// </summary>
/// <remarks>
/// <para>
/// Raw score, over cpu, memory and <c>nvidia.com/gpu</c> (a resource the node lacks counts 0), in parts
/// per million: <c>Σ_r share(request_r) × share(allocatable_r − requested_r) / 10⁶</c> with
/// <c>share(x) = x × 10⁶ / allocatable_r</c>, each division truncating; the free amount is the node's
/// before placement. Higher is better.
/// </para>
/// <para>
/// NormalizeScore: min-max, <c>100 × (raw − min) / (max − min)</c> truncated, so exactly the best-aligned
/// nodes get 100 (all 100 when every raw score is equal). See docs/policies.md.
/// </para>
/// </remarks>
public sealed class DotProduct : IScorePlugin, IScoreExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DotProduct";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        long sum = 0;
        for (var r = 0; r < PackingResources.Count; r++)
        {
            var (allocatable, requested, request) = PackingResources.Amounts(r, pod, node);
            if (allocatable > 0)
            {
                var demand = PackingResources.Share(request, allocatable);
                var free = PackingResources.Share(allocatable - requested, allocatable);
                sum += (long)((Int128)demand * free / PackingResources.Scale);
            }
        }

        return sum;
    }

    /// <inheritdoc />
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores) => MinMaxNormalize.Apply(scores, lowerIsBetter: false);
}
