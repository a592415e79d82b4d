using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A pod as the GPU plugins see it (the FGD simulator's <c>PodResource</c>): its CPU request, counting
/// 100m for a container without one as upstream's non-zero request does, and its GPU request.
/// </summary>
/// <param name="MilliCpu">CPU request in milli-cores.</param>
/// <param name="Request">The GPU request; <see cref="GpuRequest.None"/> also when the annotations are invalid.</param>
public readonly record struct GpuPod(long MilliCpu, GpuRequest Request)
{
    /// <summary>The GPU pod of <paramref name="pod"/>.</summary>
    public static GpuPod Of(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new GpuPod(pod.NonZeroMilliCpu, GpuRequest.Of(pod.Pod));
    }
}
