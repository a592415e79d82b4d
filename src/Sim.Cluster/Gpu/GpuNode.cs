using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Gpu;

/// <summary>
/// A node's GPUs: <see cref="DeviceCount"/> devices (its <c>nvidia.com/gpu</c> allocatable), all of the
/// model in its label <see cref="GpuAnnotations.Model"/>, each holding 1000 milli-GPU.
/// </summary>
public static class GpuNode
{
    /// <summary>The node label naming the model of its GPUs.</summary>
    public const string ModelLabel = GpuAnnotations.Model;

    /// <summary>The number of GPU devices: the node's allocatable <c>nvidia.com/gpu</c>.</summary>
    public static int DeviceCount(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return (int)Math.Clamp(node.Status.Allocatable[ResourceNames.NvidiaGpu], 0, int.MaxValue);
    }

    /// <summary>The model of the node's GPUs; empty when it has no model label.</summary>
    public static string Model(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Metadata.Labels.GetValueOrDefault(ModelLabel) ?? string.Empty;
    }
}
