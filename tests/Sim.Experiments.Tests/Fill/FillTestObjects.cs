using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;

namespace Sim.Experiments.Tests.Fill;

internal static class FillTestObjects
{
    public static Node Node(string name, long cpu, int gpus, string model = "G2") =>
        GpuObjects.CreateNode(name, cpu, 256L << 30, gpus, gpus == 0 ? string.Empty : model, pods: 1001);

    public static Pod Pod(string name, long cpu, int count = 0, int milli = 0) =>
        GpuObjects.CreatePod(name, cpu, 1L << 30, count, milli);
}
