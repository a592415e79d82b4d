using Sim.Cluster.Gpu;
using Sim.Engine.Randomness;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// The rules that pick a pod's GPU devices on a node, as the FGD simulator's Open-GPU-Share plugin has
/// them. Each writes the chosen device indices into <c>devices</c> and returns how many (the pod's GPU
/// count), or 0 when the pod does not fit. Whole GPUs always go to the lowest-numbered idle devices
/// (upstream's <c>AllocateExclusiveGpuId</c>); the rules differ for a share of one GPU.
/// </summary>
public static class GpuDeviceSelection
{
    /// <summary>
    /// Open-GPU-Share's own choice (<c>GpuNodeInfo.AllocateGpuId</c>, also its filter's fit test): a share
    /// or one GPU on the device with the least free milli-GPU that holds it (the lowest index among
    /// equals); several whole GPUs on the lowest-numbered idle devices.
    /// </summary>
    public static int OpenGpuShare(ReadOnlySpan<int> free, GpuRequest request, Span<int> devices) =>
        request.Count == 1 ? Tightest(free, request.MilliPerGpu, devices) : LowestFullyFree(free, request.Count, devices);

    /// <summary>Upstream's <c>best</c>: a share on the tightest device that holds it (lowest index among equals); whole GPUs on the lowest idle ones.</summary>
    public static int BestFit(ReadOnlySpan<int> free, GpuRequest request, Span<int> devices) =>
        request.IsShare ? Tightest(free, request.MilliPerGpu, devices) : LowestFullyFree(free, request.Count, devices);

    /// <summary>Upstream's <c>worst</c>: a share on the device with the most free milli-GPU (lowest index among equals); whole GPUs on the lowest idle ones.</summary>
    public static int WorstFit(ReadOnlySpan<int> free, GpuRequest request, Span<int> devices)
    {
        if (!request.IsShare)
        {
            return LowestFullyFree(free, request.Count, devices);
        }

        var chosen = -1;
        for (var i = 0; i < free.Length; i++)
        {
            if (free[i] >= request.MilliPerGpu && (chosen < 0 || free[i] > free[chosen]))
            {
                chosen = i;
            }
        }

        return Single(chosen, devices);
    }

    /// <summary>
    /// Upstream's <c>random</c>: a share on a device drawn uniformly from those that hold it (reservoir
    /// sampling over the devices in index order, one draw per fitting device, as upstream); whole GPUs on
    /// the lowest idle ones.
    /// </summary>
    public static int Random(ReadOnlySpan<int> free, GpuRequest request, Span<int> devices, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!request.IsShare)
        {
            return LowestFullyFree(free, request.Count, devices);
        }

        var chosen = -1;
        var fitting = 0;
        for (var i = 0; i < free.Length; i++)
        {
            if (free[i] >= request.MilliPerGpu && random.Next(++fitting) == 0)
            {
                chosen = i;
            }
        }

        return Single(chosen, devices);
    }

    /// <summary>The <paramref name="count"/> lowest-numbered idle devices (upstream's <c>AllocateExclusiveGpuId</c>); 0 when there are fewer.</summary>
    public static int LowestFullyFree(ReadOnlySpan<int> free, int count, Span<int> devices)
    {
        var found = 0;
        for (var i = 0; i < free.Length && found < count; i++)
        {
            if (free[i] == GpuAnnotations.MilliPerGpu)
            {
                devices[found++] = i;
            }
        }

        return found == count ? count : 0;
    }

    /// <summary>True when <paramref name="request"/> fits the devices, by Open-GPU-Share's test.</summary>
    public static bool Fits(ReadOnlySpan<int> free, GpuRequest request)
    {
        if (request.Count == 1)
        {
            foreach (var f in free)
            {
                if (f >= request.MilliPerGpu)
                {
                    return true;
                }
            }

            return false;
        }

        var idle = 0;
        foreach (var f in free)
        {
            if (f >= GpuAnnotations.MilliPerGpu && ++idle == request.Count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The device indices in ascending order of free milli-GPU, equal amounts in index order (upstream's
    /// <c>SortedMilliGpuLeftIndexList(true)</c>, a stable sort), into <paramref name="order"/>.
    /// </summary>
    public static void AscendingOrder(ReadOnlySpan<int> free, Span<int> order)
    {
        for (var i = 0; i < free.Length; i++)
        {
            var j = i;
            while (j > 0 && free[order[j - 1]] > free[i])
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }
    }

    private static int Tightest(ReadOnlySpan<int> free, int milli, Span<int> devices)
    {
        var chosen = -1;
        for (var i = 0; i < free.Length; i++)
        {
            if (free[i] >= milli && (chosen < 0 || free[i] < free[chosen]))
            {
                chosen = i;
            }
        }

        return Single(chosen, devices);
    }

    private static int Single(int chosen, Span<int> devices)
    {
        if (chosen < 0)
        {
            return 0;
        }

        devices[0] = chosen;
        return 1;
    }
}
