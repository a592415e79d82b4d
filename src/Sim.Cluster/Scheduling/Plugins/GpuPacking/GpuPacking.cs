using Sim.Cluster.Gpu;
using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.GpuPacking;

/// <summary>
/// The FGD paper's Packing baseline (the FGD simulator's <c>gpu_packing_score.go</c>): prefers putting a
/// pod on GPUs already in use, then on idle GPUs of a node in use, then on an idle node. Not an upstream
/// kube-scheduler plugin; registered by <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// The pod's devices are taken tightest first (devices sorted by free milli-GPU, stable). All devices
/// idle: <c>max(33 − idle devices, idle devices)</c>; some of the devices taken idle:
/// <c>max(50 − idle devices taken, 33)</c>; only used devices taken: <c>max(100 − ⌊Σ ⌊free × 100 / 1000⌋ / 10⌋, 50)</c>
/// over the devices taken. 0 for a pod without GPUs, or when the devices do not fit.
/// </remarks>
public sealed class GpuPacking : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "GpuPacking";

    private readonly GpuNodeStates _states = new();
    private readonly GpuPodMemo _pods = new();

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>The score of a node with devices <paramref name="free"/> for <paramref name="request"/>.</summary>
    public static long ScoreOf(ReadOnlySpan<int> free, GpuRequest request)
    {
        const long Max = Helper.NormalizeScore.MaxNodeScore;
        if (request.IsNone)
        {
            return 0;
        }

        var idle = 0;
        foreach (var f in free)
        {
            if (f == GpuAnnotations.MilliPerGpu)
            {
                idle++;
            }
        }

        if (idle == free.Length)
        {
            return Math.Max((Max / 3) - idle, idle);
        }

        Span<int> order = free.Length <= 64 ? stackalloc int[free.Length] : new int[free.Length];
        GpuDeviceSelection.AscendingOrder(free, order);

        var wanted = request.Count;
        var idleTaken = 0;
        long freePercentOnTaken = 0;
        for (var k = 0; k < order.Length && wanted > 0; k++)
        {
            var f = free[order[k]];
            if (request.MilliPerGpu <= f)
            {
                wanted--;
                freePercentOnTaken += (long)f * 100 / GpuAnnotations.MilliPerGpu;
                if (f == GpuAnnotations.MilliPerGpu)
                {
                    idleTaken++;
                }
            }
        }

        if (wanted != 0)
        {
            return 0;
        }

        if (idleTaken > 0)
        {
            return Math.Max((Max / 2) - idleTaken, Max / 3);
        }

        return Math.Max(Max - (freePercentOnTaken / 10), Max / 2);
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        return ScoreOf(_states.Get(node).FreeMilli, _pods.Get(state, pod).Request);
    }
}
