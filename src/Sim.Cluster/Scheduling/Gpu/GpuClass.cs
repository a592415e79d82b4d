using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// The "GPU affinity" classes GpuClustering groups pods by (the FGD simulator's
/// <c>GetGpuAffinityFromPodAnnotation</c>): no GPU, a share of one GPU, or k whole GPUs.
/// </summary>
public static class GpuClass
{
    /// <summary>A pod without GPUs (upstream's <c>no-gpu</c>).</summary>
    public const int None = 0;

    /// <summary>A pod sharing one GPU (upstream's <c>share-gpu</c>).</summary>
    public const int Share = 1;

    /// <summary>The class of <paramref name="request"/>: <see cref="None"/>, <see cref="Share"/>, or 1 + k for k whole GPUs (upstream's <c>k-gpu</c>).</summary>
    public static int Of(GpuRequest request) => request.IsNone ? None : request.IsShare ? Share : 1 + request.Count;

    /// <summary>Upstream's name of class <paramref name="gpuClass"/>: <c>no-gpu</c>, <c>share-gpu</c> or <c>k-gpu</c>.</summary>
    public static string Name(int gpuClass) => gpuClass switch
    {
        None => "no-gpu",
        Share => "share-gpu",
        _ => $"{gpuClass - 1}-gpu",
    };
}
