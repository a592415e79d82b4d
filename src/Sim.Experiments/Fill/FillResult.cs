using System.Collections.Immutable;
using Sim.Scheduling.Gpu;

namespace Sim.Experiments.Fill;

/// <summary>What a <see cref="FillExperiment"/> run measured.</summary>
public sealed class FillResult
{
    /// <summary>The name of the x column of the bucketed series.</summary>
    public const string XColumn = "arrived_pct";

    /// <summary>The metric names of <see cref="Series"/>, in order.</summary>
    public static ImmutableArray<string> Metrics { get; } =
        ["arrived_gpu_milli", "used_gpu_milli", "allocated_gpu_pct", "unallocated_gpu_pct", "fragmented_gpu_pct", "failed_pods"];

    internal FillResult(long capacity, double initialFragmentation, int originalPods, ImmutableArray<TypicalPod> typicalPods, ImmutableArray<string> nodeOrder, ImmutableArray<FillArrival> arrivals, ImmutableArray<FillBucket> buckets)
    {
        CapacityGpuMilli = capacity;
        InitialFragmentedGpuMilli = initialFragmentation;
        OriginalPods = originalPods;
        TypicalPods = typicalPods;
        NodeOrder = nodeOrder;
        Arrivals = arrivals;
        Buckets = buckets;
    }

    /// <summary>The cluster's GPU capacity, milli-GPU (1000 per device).</summary>
    public long CapacityGpuMilli { get; }

    /// <summary>The empty cluster's fragmentation Σ_n F_n(M) against the typical pods, milli-GPU (the same for every policy).</summary>
    public double InitialFragmentedGpuMilli { get; }

    /// <summary>The number of pods given (before inflation).</summary>
    public int OriginalPods { get; }

    /// <summary>FGD's target workload M: the typical pods of the pods given.</summary>
    public ImmutableArray<TypicalPod> TypicalPods { get; }

    /// <summary>The nodes (their names as given) in the order the scheduler searched them.</summary>
    public ImmutableArray<string> NodeOrder { get; }

    /// <summary>Every arrival, in order.</summary>
    public ImmutableArray<FillArrival> Arrivals { get; }

    /// <summary>The arrivals averaged per arrived-percentage bucket, ascending (buckets without arrivals near them are left out).</summary>
    public ImmutableArray<FillBucket> Buckets { get; }

    /// <summary>The state after the last arrival, or null when nothing arrived.</summary>
    public FillArrival? Final => Arrivals.IsEmpty ? null : Arrivals[^1];

    /// <summary>The bucket <paramref name="arrivedPct"/>, or null.</summary>
    public FillBucket? At(int arrivedPct)
    {
        foreach (var bucket in Buckets)
        {
            if (bucket.ArrivedPct == arrivedPct)
            {
                return bucket;
            }
        }

        return null;
    }

    /// <summary>The buckets in long format: (<see cref="XColumn"/> value, metric, value), metrics as <see cref="Metrics"/>.</summary>
    public IEnumerable<(int ArrivedPct, string Metric, double Value)> Series()
    {
        foreach (var b in Buckets)
        {
            yield return (b.ArrivedPct, Metrics[0], b.ArrivedGpuMilli);
            yield return (b.ArrivedPct, Metrics[1], b.UsedGpuMilli);
            yield return (b.ArrivedPct, Metrics[2], b.AllocatedPct);
            yield return (b.ArrivedPct, Metrics[3], b.UnallocatedPct);
            yield return (b.ArrivedPct, Metrics[4], b.FragmentedPct);
            yield return (b.ArrivedPct, Metrics[5], b.FailedPods);
        }
    }
}
