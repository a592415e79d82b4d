using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

/// <summary>GPU nodes and pods for the GPU scheduling tests (all in milli-cores, MiB and milli-GPU).</summary>
internal static class GpuTestObjects
{
    /// <summary>A node of <paramref name="cpu"/> milli-cores, 256 GiB and <paramref name="gpus"/> GPUs of <paramref name="model"/>.</summary>
    public static Node GpuNode(string name, long cpu, int gpus, string model = "G2") =>
        GpuObjects.CreateNode(name, cpu, 256L << 30, gpus, gpus == 0 ? string.Empty : model, pods: 1001);

    /// <summary>A pending pod of <paramref name="cpu"/> milli-cores, 1 GiB, and <paramref name="count"/> GPUs of <paramref name="milli"/>.</summary>
    public static Pod GpuPod(string name, long cpu, int count = 0, int milli = 0, string models = "") =>
        GpuObjects.CreatePod(name, cpu, 1L << 30, count, milli, models);

    /// <summary>The pod bound to <paramref name="node"/> on <paramref name="devices"/> (none: no device annotation).</summary>
    public static Pod On(this Pod pod, string node, params int[] devices)
    {
        var bound = pod with { Spec = pod.Spec with { NodeName = node } };
        return devices.Length == 0 ? bound : bound.WithDevices(devices);
    }
}
