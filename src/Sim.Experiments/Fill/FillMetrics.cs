using System.Collections.Immutable;
using Sim.Metrics;

namespace Sim.Experiments.Fill;

/// <summary>
/// A fill run's results as <c>sim run</c> reports them: the final metrics of <c>summary.csv</c> (the
/// paper's headline figures at 100 % arrived, then the state after the last arrival) and the bucketed
/// series of <c>timeseries.csv</c>, whose x column is <see cref="FillResult.XColumn"/>.
/// </summary>
public static class FillMetrics
{
    /// <summary>The final metrics, in order (docs/fgd-reproduction.md defines them).</summary>
    public static ImmutableArray<string> FinalNames { get; } =
    [
        "unallocated_gpu_pct_at_100", "fragmented_gpu_pct_at_100", "failed_pods_at_100", "allocated_gpu_pct_at_100",
        "allocated_gpu_pct", "unallocated_gpu_pct", "fragmented_gpu_pct", "arrived_gpu_pct", "arrived_pods", "failed_pods",
        "initial_fragmented_gpu_pct",
    ];

    /// <summary>
    /// The final metrics of <paramref name="result"/>, in <see cref="FinalNames"/> order: the bucket at
    /// 100 % arrived (NaN when the run never got near it), then after the last arrival.
    /// </summary>
    public static IReadOnlyList<Metric> Final(FillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var capacity = (double)result.CapacityGpuMilli;
        var at100 = result.At(100);
        var last = result.Final;
        var allocated = last is null || capacity <= 0 ? double.NaN : last.UsedGpuMilli / capacity * 100;
        double[] values =
        [
            at100?.UnallocatedPct ?? double.NaN,
            at100?.FragmentedPct ?? double.NaN,
            at100?.FailedPods ?? double.NaN,
            at100?.AllocatedPct ?? double.NaN,
            allocated,
            100 - allocated,
            last is null || capacity <= 0 ? double.NaN : last.FragmentedGpuMilli / capacity * 100,
            last is null || capacity <= 0 ? double.NaN : last.ArrivedGpuMilli / capacity * 100,
            result.Arrivals.Length,
            last?.FailedPods ?? 0,
            capacity <= 0 ? double.NaN : result.InitialFragmentedGpuMilli / capacity * 100,
        ];
        return [.. FinalNames.Select((name, i) => new Metric(name, values[i]))];
    }

    /// <summary>The bucketed series, the bucket (arrived %) in <see cref="Sample.TimeSeconds"/>: metrics as <see cref="FillResult.Metrics"/>.</summary>
    public static IReadOnlyList<Sample> Series(FillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Series().Select(p => new Sample(p.ArrivedPct, p.Metric, p.Value))];
    }
}
