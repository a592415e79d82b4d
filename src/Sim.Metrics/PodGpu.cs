using System.Globalization;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling.Gpu;

namespace Sim.Metrics;

/// <summary>
/// A pod's GPUs as the metrics count them: its GPU-sharing annotations (<see cref="GpuRequest.Of"/>),
/// or, for a pod without (valid) ones, its <c>nvidia.com/gpu</c> requests as that many whole GPUs of
/// any model, which is how plain Kubernetes pods (and Sim's generated workloads) ask for GPUs.
/// </summary>
internal static class PodGpu
{
    private static readonly string WholeMilli = GpuAnnotations.MilliPerGpu.ToString(CultureInfo.InvariantCulture);

    /// <summary>The GPU request of <paramref name="pod"/>, whose effective requests are <paramref name="requests"/>.</summary>
    public static GpuRequest Of(Pod pod, ResourceList requests)
    {
        var annotated = GpuRequest.Of(pod);
        if (!annotated.IsNone)
        {
            return annotated;
        }

        var whole = requests[ResourceNames.NvidiaGpu];
        return whole > 0 ? new GpuRequest((int)Math.Min(whole, int.MaxValue), GpuAnnotations.MilliPerGpu, string.Empty) : GpuRequest.None;
    }

    /// <summary>The pod's shape for the typical pods M: CPU with the scheduler's non-zero default (as <see cref="Sim.Scheduling.PodInfo.NonZeroMilliCpu"/>), and its GPU request.</summary>
    public static GpuPod ShapeOf(Pod pod)
    {
        var spec = pod.Spec;
        var requests = spec.Requests();
        var cpu = spec.Containers.IsDefaultOrEmpty && spec.InitContainers.IsDefaultOrEmpty
            ? requests.MilliCpu
            : spec.Requests(PodRequestOptions.ForScoring).MilliCpu;
        return new GpuPod(cpu, Of(pod, requests));
    }

    /// <summary>
    /// The pod as the device accounting of <see cref="GpuNodeState"/> must see it: itself when its
    /// annotations carry <paramref name="request"/>, else with annotations asking for it (whole GPUs),
    /// so that it is given devices as Open-GPU-Share would.
    /// </summary>
    public static Pod DeviceView(Pod pod, GpuRequest request)
    {
        if (!GpuRequest.Of(pod).IsNone)
        {
            return pod;
        }

        var annotations = pod.Metadata.Annotations
            .SetItem(GpuAnnotations.Milli, WholeMilli)
            .SetItem(GpuAnnotations.Count, request.Count.ToString(CultureInfo.InvariantCulture));
        return pod with { Metadata = pod.Metadata with { Annotations = annotations } };
    }
}
