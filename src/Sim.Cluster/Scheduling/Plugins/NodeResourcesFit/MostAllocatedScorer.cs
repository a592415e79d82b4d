namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The MostAllocated strategy (upstream's <c>mostResourceScorer</c>): per resource
/// <c>min(requested, allocatable) × 100 / allocatable</c>, then the weighted mean, in integers.
/// </summary>
internal sealed class MostAllocatedScorer(IReadOnlyList<ResourceSpec> resources)
    : ResourceAllocationScorer(resources, useRequested: false)
{
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

            var weight = Weight(i);
            nodeScore += MostRequestedScore(requested[i], allocatable[i]) * weight;
            weightSum += weight;
        }

        return weightSum == 0 ? 0 : nodeScore / weightSum;
    }

    private static long MostRequestedScore(long requested, long capacity)
    {
        if (capacity == 0)
        {
            return 0;
        }

        // Requested can exceed capacity: pods without requests count the scoring defaults.
        return Math.Min(requested, capacity) * NodeScoring.MaxNodeScore / capacity;
    }
}
