namespace Sim.Cluster.Gpu;

/// <summary>
/// The annotation keys of GPU sharing, as Alibaba's Open-GPU-Share scheduler plugin and the FGD simulator
/// (Weng et al., USENIX ATC '23) use them. A pod asks for a share of one GPU or for whole GPUs with
/// <see cref="Milli"/> and <see cref="Count"/>, may restrict the GPU models with <see cref="Model"/>, and
/// the scheduler records the devices it chose in <see cref="DeviceIndex"/>. A node's GPU model is its
/// label <see cref="Model"/>; its number of devices is its <c>nvidia.com/gpu</c> allocatable (see <see cref="GpuNode"/>).
/// </summary>
public static class GpuAnnotations
{
    /// <summary>Milli-GPU per GPU (1–1000); below 1000 only for a pod sharing one GPU.</summary>
    public const string Milli = "alibabacloud.com/gpu-milli";

    /// <summary>The number of GPUs (1 for a sharing pod).</summary>
    public const string Count = "alibabacloud.com/gpu-count";

    /// <summary>
    /// On a pod: the GPU models it may run on, separated by <c>|</c> (e.g. <c>V100M16|V100M32</c>), any when
    /// absent or empty. On a node, as a label: the model of its GPUs.
    /// </summary>
    public const string Model = "alibabacloud.com/gpu-card-model";

    /// <summary>Written by the scheduler when it binds: the device indices it assigned, separated by <c>-</c> (e.g. <c>0-1</c>).</summary>
    public const string DeviceIndex = "alibabacloud.com/gpu-index";

    /// <summary>One whole GPU in milli-GPU.</summary>
    public const int MilliPerGpu = 1000;
}
