using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// Upstream's <c>balancedResourceScorer</c>: with <c>fraction = min(1, requested / allocatable)</c> for
/// each resource the node has, <c>score = (1 − std) × 100</c> truncated, where std is
/// <c>|f1 − f2| / 2</c> for two resources, the population standard deviation for more, 0 for fewer.
/// Uses the real requests (no scoring defaults).
/// </summary>
internal sealed class BalancedAllocationScorer(IReadOnlyList<ResourceSpec> resources)
    : ResourceAllocationScorer(resources, useRequested: true)
{
    private const int MaxStackResources = 8;

    /// <inheritdoc />
    protected override long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable)
    {
        // A fixed-size stack buffer is zeroed inline; a variable-size one calls a zeroing helper per node.
        Span<double> fractions = requested.Length <= MaxStackResources ? stackalloc double[MaxStackResources] : new double[requested.Length];
        var count = 0;
        var totalFraction = 0.0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var fraction = (double)requested[i] / allocatable[i];
            if (fraction > 1)
            {
                fraction = 1;
            }

            totalFraction += fraction;
            fractions[count++] = fraction;
        }

        var std = 0.0;
        if (count == 2)
        {
            std = Math.Abs((fractions[0] - fractions[1]) / 2);
        }
        else if (count > 2)
        {
            var mean = totalFraction / count;
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += (fractions[i] - mean) * (fractions[i] - mean);
            }

            std = Math.Sqrt(sum / count);
        }

        return (long)((1 - std) * NodeScoring.MaxNodeScore);
    }

    protected override bool ScoreCpuMemory(ReadOnlySpan<NodeInfo> nodes, long podCpu, long podMemory, Span<long> scores)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var (cpu, memory) = (node.AllocatableMilliCpu, node.AllocatableMemory);
            var (usedCpu, usedMemory) = UsedCpuMemory(node);

            // With one resource (the other's allocatable is 0) the deviation is 0, as in Score.
            var std = 0.0;
            if (cpu != 0 && memory != 0)
            {
                var cpuFraction = Math.Min((double)(usedCpu + podCpu) / cpu, 1);
                var memoryFraction = Math.Min((double)(usedMemory + podMemory) / memory, 1);
                std = Math.Abs((cpuFraction - memoryFraction) / 2);
            }

            scores[i] = (long)((1 - std) * NodeScoring.MaxNodeScore);
        }

        return true;
    }
}
