using Sim.Cluster.Gpu;
using Sim.Cluster.Resources;

namespace Sim.Metrics;

/// <summary>
/// The three resources the metrics follow, as integers: milli-CPU, bytes of memory, milli-GPU (a whole
/// device is 1000, so a pod sharing a GPU counts its share).
/// </summary>
internal readonly record struct Amounts(long Cpu, long Memory, long Gpu)
{
    /// <summary>None of any.</summary>
    public static Amounts Zero => default;

    /// <summary>A node's amounts of <paramref name="allocatable"/>: its <c>nvidia.com/gpu</c> devices × 1000 milli-GPU.</summary>
    public static Amounts OfNode(ResourceList allocatable) =>
        new(allocatable.MilliCpu, allocatable.Memory, allocatable[ResourceNames.NvidiaGpu] * GpuAnnotations.MilliPerGpu);

    /// <summary>A pod's amounts: CPU and memory of its effective <paramref name="requests"/>, milli-GPU of its <paramref name="gpu"/> request.</summary>
    public static Amounts OfPod(ResourceList requests, GpuRequest gpu) => new(requests.MilliCpu, requests.Memory, gpu.TotalMilli);

    public static Amounts operator +(Amounts a, Amounts b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory, a.Gpu + b.Gpu);

    public static Amounts operator -(Amounts a, Amounts b) => new(a.Cpu - b.Cpu, a.Memory - b.Memory, a.Gpu - b.Gpu);
}
