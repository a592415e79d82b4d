using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.GpuBestFit;

/// <summary>
/// The FGD paper's BestFit baseline (the FGD simulator's <c>best_fit_score.go</c>): prefers the node with
/// the least CPU and GPU left after placement. Not an upstream kube-scheduler plugin; registered by
/// <see cref="CataloguePlugins"/> (the catalogue's <see cref="BestFit.BestFit"/> is a different formula,
/// over cpu, memory and whole GPUs).
/// </summary>
/// <remarks>
/// Raw score <c>⌊100 × (1 − s)⌋</c> with <c>s = (cpuLeft − cpu) / 128000 × 0.5 + (ΣgpuFree − count × milli) / 8000 × 0.5</c>
/// in double precision. NormalizeScore is upstream's min-max, <c>⌊(raw − min) × 100 / (max − min)⌋</c>, all 0
/// when every raw score is equal. A node with less CPU or GPU left than the pod asks scores 0 (upstream
/// fails the cycle; the filters rule that out).
/// </remarks>
public sealed class GpuBestFit : IScorePlugin, IScoreExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "GpuBestFit";

    private readonly GpuNodeStates _states = new();
    private readonly GpuPodMemo _pods = new();

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>The raw score of a node with <paramref name="milliCpuLeft"/> and <paramref name="totalFreeMilli"/> for <paramref name="pod"/>.</summary>
    public static long ScoreOf(long milliCpuLeft, long totalFreeMilli, GpuPod pod)
    {
        double cpuFree = milliCpuLeft, cpuRequest = pod.MilliCpu, gpuFree = totalFreeMilli, gpuRequest = pod.Request.TotalMilli;
        if (cpuFree < cpuRequest || gpuFree < gpuRequest)
        {
            return 0;
        }

        var s = 0.0;
        s += (cpuFree - cpuRequest) / DotProd.DotProd.MaxSpecCpu * 0.5;
        s += (gpuFree - gpuRequest) / DotProd.DotProd.MaxSpecGpu * 0.5;
        return (long)((1.0 - s) * Helper.NormalizeScore.MaxNodeScore);
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var gpus = _states.Get(node);
        return ScoreOf(gpus.MilliCpuLeft, gpus.TotalFreeMilli, _pods.Get(state, pod));
    }

    /// <inheritdoc />
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        var highest = -long.MaxValue;
        var lowest = long.MaxValue;
        foreach (var score in scores)
        {
            highest = Math.Max(highest, score.Score);
            lowest = Math.Min(lowest, score.Score);
        }

        var range = highest - lowest;
        foreach (ref var score in scores)
        {
            score.Score = range == 0 ? 0 : (score.Score - lowest) * Helper.NormalizeScore.MaxNodeScore / range;
        }

        return Status.Success;
    }
}
