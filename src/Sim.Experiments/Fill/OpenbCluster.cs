using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Traces;
using Sim.Traces.AlibabaGpu2023;

namespace Sim.Experiments.Fill;

/// <summary>
/// The nodes and pods of the Alibaba GPU 2023 ("openb") trace as Sim.Cluster objects, for
/// <see cref="FillExperiment"/>: GPUs as docs/gpu.md models them (the node's <c>nvidia.com/gpu</c> and
/// model label; the pod's GPU annotations, whole GPUs also as <c>nvidia.com/gpu</c>), CPU and memory as
/// given. The time columns are not used, as in the FGD paper.
/// </summary>
public static class OpenbCluster
{
    /// <summary>The pods a node may hold: 1001, as the FGD simulator's nodes (the count never limits a fill).</summary>
    public const int PodsPerNode = 1001;

    /// <summary>The node of <paramref name="node"/>.</summary>
    public static Node ToNode(OpenbNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return GpuObjects.CreateNode(node.Name, node.MilliCpu, node.MemoryBytes, node.GpuCount, node.GpuCount == 0 ? string.Empty : node.GpuModel ?? string.Empty, PodsPerNode);
    }

    /// <summary>The pod of <paramref name="pod"/>, in namespace <c>default</c>; its allowed models joined by <c>|</c>.</summary>
    public static Pod ToPod(OpenbPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var models = pod.GpuSpec.IsDefaultOrEmpty ? string.Empty : string.Join('|', pod.GpuSpec);
        return GpuObjects.CreatePod(pod.Name, pod.MilliCpu, pod.MemoryBytes, pod.GpuCount, pod.GpuMilli, models);
    }

    /// <summary>
    /// Reads a node list and a pod list (e.g. <c>openb_node_list_gpu_node.csv</c> and <c>openb_pod_list_default.csv</c>).
    /// </summary>
    /// <exception cref="TraceFormatException">When a row is malformed (the message names file, line and column).</exception>
    public static (List<Node> Nodes, List<Pod> Pods) Read(string nodeListPath, string podListPath, TraceReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodeListPath);
        ArgumentNullException.ThrowIfNull(podListPath);
        return ([.. OpenbTrace.ReadNodes(nodeListPath, options).Select(ToNode)], [.. OpenbTrace.ReadPods(podListPath, options).Select(ToPod)]);
    }
}
