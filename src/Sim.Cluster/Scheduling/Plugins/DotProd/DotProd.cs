using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.DotProd;

/// <summary>
/// The FGD paper's DotProd baseline, Tetris's alignment score on CPU and GPU (the FGD simulator's
/// <c>dot_product_score.go</c> with <c>-dimext merge -norm max</c>): the smaller the dot product of the
/// node's free resources and the pod's request, the higher the score. Not an upstream kube-scheduler
/// plugin; registered by <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// Node vector <c>[cpuLeft / 128000, ΣgpuFree / 8000]</c>, pod vector <c>[cpu / 128000, count × milli / 8000]</c>;
/// score <c>⌊100 × (1 − dot / 2)⌋</c> in double precision, truncated as Go's <c>int64()</c>. A node with less
/// CPU left than the pod asks scores 0. Memory is not looked at.
/// </remarks>
public sealed class DotProd : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DotProd";

    /// <summary>CPU of the largest node, milli-cores (upstream's <c>MaxSpecCpu</c>).</summary>
    public const double MaxSpecCpu = 128_000;

    /// <summary>GPU of the largest node, milli-GPU (upstream's <c>MaxSpecGpu</c>).</summary>
    public const double MaxSpecGpu = 8000;

    private readonly GpuNodeStates _states = new();
    private readonly GpuPodMemo _pods = new();

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>The score of a node with <paramref name="milliCpuLeft"/> and <paramref name="totalFreeMilli"/> for <paramref name="pod"/>.</summary>
    public static long ScoreOf(long milliCpuLeft, long totalFreeMilli, GpuPod pod)
    {
        if (milliCpuLeft < pod.MilliCpu)
        {
            return 0;
        }

        var dot = 0.0;
        dot += milliCpuLeft / MaxSpecCpu * (pod.MilliCpu / MaxSpecCpu);
        dot += totalFreeMilli / MaxSpecGpu * (pod.Request.TotalMilli / MaxSpecGpu);
        dot /= 2;
        return (long)(Helper.NormalizeScore.MaxNodeScore * (1 - dot));
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var gpus = _states.Get(node);
        return ScoreOf(gpus.MilliCpuLeft, gpus.TotalFreeMilli, _pods.Get(state, pod));
    }
}
