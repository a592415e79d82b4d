using System.Collections.Immutable;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// The target workload M of FGD: the most popular task shapes of a pod list with their probabilities,
/// as the FGD simulator's <c>GetTypicalPods</c> computes them (fgd-method.md §5).
/// </summary>
public static class TypicalPods
{
    /// <summary>The share of pods the popular shapes must cover, in percent (upstream's <c>podPopularityThreshold</c> of the paper's runs).</summary>
    public const int DefaultPopularityThreshold = 95;

    /// <summary>
    /// The typical pods of <paramref name="pods"/>. Pods are grouped by shape (CPU with upstream's non-zero
    /// default, milli-GPU, GPU count, models; memory is not part of it; CPU-only pods included) and the
    /// shapes sorted by count, most common first (ties: larger CPU, then milli-GPU, GPU count, models
    /// first). Shapes are taken <paramref name="increaseStep"/> at a time until they cover at least
    /// <paramref name="popularityThreshold"/> % of the pods; their counts become probabilities, divided
    /// by the count of all pods and then by the share covered, in floating point exactly as upstream.
    /// </summary>
    public static ImmutableArray<TypicalPod> FromPods(IEnumerable<Pod> pods, int popularityThreshold = DefaultPopularityThreshold, int increaseStep = 1)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentOutOfRangeException.ThrowIfLessThan(popularityThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(popularityThreshold, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(increaseStep, 1);
        var counts = new Dictionary<(long Cpu, int Milli, int Count, string Type), double>();
        double total = 0;
        foreach (var pod in pods)
        {
            var request = GpuRequest.Of(pod);
            var shape = (new PodInfo(pod).NonZeroMilliCpu, request.MilliPerGpu, request.Count, request.Models);
            counts[shape] = counts.GetValueOrDefault(shape) + 1;
            total += 1;
        }

        return FromCounts(counts, total, popularityThreshold, increaseStep);
    }

    /// <summary>The typical pods of shapes counted <paramref name="counts"/> times out of <paramref name="total"/> pods (see <see cref="FromPods"/>).</summary>
    internal static ImmutableArray<TypicalPod> FromCounts(IEnumerable<KeyValuePair<(long Cpu, int Milli, int Count, string Type), double>> counts, double total, int popularityThreshold, int increaseStep)
    {
        var shapes = counts.Select(static c => (c.Key, Count: c.Value)).ToList();
        shapes.Sort(static (a, b) =>
        {
            // upstream: sort.Reverse of (count ascending, then PodResource.Less)
            var byCount = b.Count.CompareTo(a.Count);
            if (byCount != 0)
            {
                return byCount;
            }

            var byCpu = b.Key.Cpu.CompareTo(a.Key.Cpu);
            if (byCpu != 0)
            {
                return byCpu;
            }

            var byMilli = b.Key.Milli.CompareTo(a.Key.Milli);
            if (byMilli != 0)
            {
                return byMilli;
            }

            var byGpus = b.Key.Count.CompareTo(a.Key.Count);
            return byGpus != 0 ? byGpus : string.CompareOrdinal(b.Key.Type, a.Key.Type);
        });

        var expected = popularityThreshold * total / 100.0;
        var probabilities = new double[shapes.Count];
        var taken = 0;
        var stop = 0;
        double covered = 0;
        while (covered < expected)
        {
            stop += increaseStep;
            while (taken < stop && taken < shapes.Count)
            {
                covered += shapes[taken].Count;
                probabilities[taken] = shapes[taken].Count / total;
                taken++;
            }
        }

        var builder = ImmutableArray.CreateBuilder<TypicalPod>(taken);
        for (var i = 0; i < taken; i++)
        {
            var p = taken >= shapes.Count ? probabilities[i] : probabilities[i] / (covered / total);
            var (cpu, milli, count, type) = shapes[i].Key;
            builder.Add(new TypicalPod(cpu, milli, count, type, p));
        }

        return builder.MoveToImmutable();
    }
}
