namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The LeastAllocated strategy (upstream's <c>leastResourceScorer</c>): per resource
/// <c>(allocatable − requested) × 100 / allocatable</c> (0 when over), then the weighted mean, in integers.
/// </summary>
internal sealed class LeastAllocatedScorer(IReadOnlyList<ResourceSpec> resources)
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
            nodeScore += LeastRequestedScore(requested[i], allocatable[i]) * weight;
            weightSum += weight;
        }

        return weightSum == 0 ? 0 : nodeScore / weightSum;
    }

    protected override bool ScoreCpuMemory(ReadOnlySpan<NodeInfo> nodes, long podCpu, long podMemory, Span<long> scores)
    {
        var (cpuWeight, memoryWeight) = (Weight(0), Weight(1));
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var (cpu, memory) = (node.AllocatableMilliCpu, node.AllocatableMemory);
            var (usedCpu, usedMemory) = UsedCpuMemory(node);
            long nodeScore = 0, weightSum = 0;
            if (cpu != 0)
            {
                nodeScore += LeastRequestedScore(usedCpu + podCpu, cpu) * cpuWeight;
                weightSum += cpuWeight;
            }

            if (memory != 0)
            {
                nodeScore += LeastRequestedScore(usedMemory + podMemory, memory) * memoryWeight;
                weightSum += memoryWeight;
            }

            scores[i] = weightSum == 0 ? 0 : NodeScoring.Divide(nodeScore, weightSum);
        }

        return true;
    }

    private static long LeastRequestedScore(long requested, long capacity)
    {
        if (capacity == 0 || requested > capacity)
        {
            return 0;
        }

        return NodeScoring.Divide((capacity - requested) * NodeScoring.MaxNodeScore, capacity);
    }
}
