using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.GpuClustering;

/// <summary>
/// The FGD paper's Clustering baseline (the FGD simulator's <c>gpu_clustering_score.go</c>): prefers nodes
/// that already host pods of the pod's <see cref="GpuClass"/> (a share, or k whole GPUs), then emptier
/// ones, and within a band fuller nodes. Not an upstream kube-scheduler plugin; registered by
/// <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// With <c>t = ⌊25 × (8000 − ΣgpuFree) / 8000⌋</c> (integer arithmetic): t + 75 when the node hosts GPU
/// pods of this class only, t + 50 when of this class among others, t + 25 when it hosts no GPU pod, t when
/// only other classes; 0 for a pod without GPUs.
/// </remarks>
public sealed class GpuClustering : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "GpuClustering";

    private const long MaxSpecGpu = 8000;

    private readonly GpuNodeStates _states = new();
    private readonly GpuPodMemo _pods = new();

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>The score of a node in state <paramref name="node"/> for a pod of <paramref name="gpuClass"/>.</summary>
    public static long ScoreOf(GpuNodeState node, int gpuClass)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (gpuClass == GpuClass.None)
        {
            return 0;
        }

        const long Quarter = Helper.NormalizeScore.MaxNodeScore / 4;
        var fullness = Quarter * (MaxSpecGpu - node.TotalFreeMilli) / MaxSpecGpu;
        if (node.PodsOfClass(gpuClass) > 0)
        {
            return fullness + (node.DistinctClasses == 1 ? 3 * Quarter : 2 * Quarter);
        }

        return fullness + (node.DistinctClasses == 0 ? Quarter : 0);
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        return ScoreOf(_states.Get(node), GpuClass.Of(_pods.Get(state, pod).Request));
    }
}
