using System.Collections.Immutable;

namespace Sim.Experiments.Fill;

/// <summary>
/// The paper's bucketing of arrivals (the simulator's <c>merge_alloc_discrete</c> analysis): each arrival
/// goes to <c>round(arrived / capacity × 100)</c> (Python's round, half to even); bucket k averages its
/// arrivals, or, when it has none, those in k − 1 … k + 1; buckets 0 … max with neither are left out.
/// </summary>
internal static class FillBuckets
{
    public static ImmutableArray<FillBucket> Of(IReadOnlyList<FillArrival> arrivals, long capacity, int maxArrivedPct)
    {
        var builder = ImmutableArray.CreateBuilder<FillBucket>();
        if (capacity <= 0 || arrivals.Count == 0)
        {
            return builder.ToImmutable();
        }

        var gpus = capacity / 1000.0;
        var pct = new int[arrivals.Count];
        for (var i = 0; i < arrivals.Count; i++)
        {
            pct[i] = (int)Math.Round(arrivals[i].ArrivedGpuMilli / gpus / 10, MidpointRounding.ToEven);
        }

        for (var k = 0; k <= maxArrivedPct; k++)
        {
            var bucket = Average(arrivals, pct, k, k, capacity) ?? Average(arrivals, pct, k - 1, k + 1, capacity);
            if (bucket is not null)
            {
                builder.Add(bucket with { ArrivedPct = k });
            }
        }

        return builder.ToImmutable();
    }

    private static FillBucket? Average(IReadOnlyList<FillArrival> arrivals, int[] pct, int low, int high, long capacity)
    {
        var n = 0;
        double arrived = 0, used = 0, fragmented = 0, failed = 0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            if (pct[i] < low || pct[i] > high)
            {
                continue;
            }

            var a = arrivals[i];
            n++;
            arrived += a.ArrivedGpuMilli;
            used += a.UsedGpuMilli;
            fragmented += a.FragmentedGpuMilli;
            failed += a.FailedPods;
        }

        if (n == 0)
        {
            return null;
        }

        var allocated = used / n / capacity * 100;
        return new FillBucket(low, n, arrived / n, used / n, allocated, 100 - allocated, fragmented / n / capacity * 100, failed / n);
    }
}
