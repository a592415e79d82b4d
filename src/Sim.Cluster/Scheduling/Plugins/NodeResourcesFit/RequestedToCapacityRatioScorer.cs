namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The RequestedToCapacityRatio strategy (upstream's <c>requestedToCapacityRatioScorer</c>): the shape's
/// scores are scaled from 0..10 to 0..100; per resource the utilization <c>requested × 100 / allocatable</c>
/// (or 100 when over) is mapped through the shape; resources scoring 0 are left out; the weighted mean
/// is rounded half away from zero.
/// </summary>
internal sealed class RequestedToCapacityRatioScorer : ResourceAllocationScorer
{
    private const long MaxUtilization = 100;

    private readonly FunctionShapePoint[] _shape;

    public RequestedToCapacityRatioScorer(IReadOnlyList<ResourceSpec> resources, IReadOnlyList<UtilizationShapePoint> shape)
        : base(resources, useRequested: false)
    {
        _shape = [.. shape.Select(p => new FunctionShapePoint(p.Utilization, p.Score * (NodeScoring.MaxNodeScore / NodeScoring.MaxCustomPriorityScore)))];
    }

    /// <inheritdoc />
    protected override long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable)
    {
        long nodeScore = 0, weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var resourceScore = ResourceScore(requested[i], allocatable[i]);
            if (resourceScore > 0)
            {
                var weight = Weight(i);
                nodeScore += resourceScore * weight;
                weightSum += weight;
            }
        }

        return weightSum == 0 ? 0 : (long)Math.Round((double)nodeScore / weightSum, MidpointRounding.AwayFromZero);
    }

    private long ResourceScore(long requested, long capacity) =>
        capacity == 0 || requested > capacity
            ? BrokenLinearFunction.Evaluate(_shape, MaxUtilization)
            : BrokenLinearFunction.Evaluate(_shape, requested * MaxUtilization / capacity);
}
