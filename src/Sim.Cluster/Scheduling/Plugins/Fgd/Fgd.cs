using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Gpu;
using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.Fgd;

/// <summary>
/// Fragmentation Gradient Descent (Weng et al., USENIX ATC '23; the FGD simulator's <c>fgd_score.go</c>):
/// scores a node by how little placing the pod grows the node's fragmentation F_n(M) against the target
/// workload M, and picks the share's device the same way. Not an upstream kube-scheduler plugin;
/// registered by <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// <para>
/// Score <c>⌊100 × sigmoid((F_n(M) − F_n'(M)) / 1000)⌋</c>, n' the node after placing the pod, in double
/// precision and truncated as Go's <c>int64()</c> (<see cref="Fragmentation"/> has F). For a share every
/// device with room is tried: the best score is the node's and its device (the lowest index among equal
/// scores) the pod's, when <c>OpenGpuShare</c>'s <c>gpuSelMethod</c> is <c>Fgd</c>. For whole GPUs n'
/// takes them from the tightest devices (all idle ones, the same free amounts) and the devices are the
/// lowest idle ones; a CPU-only pod changes only the CPU. A pod requesting nothing at all scores 100.
/// </para>
/// <para>
/// M comes from <see cref="FgdArgs.TypicalPods"/>. Without it the plugin learns M online: the pods it has
/// scored so far (each once), cut at 95 % popularity as <see cref="TypicalPods.FromPods"/> does.
/// </para>
/// </remarks>
public sealed class Fgd : IPreScorePlugin, IScorePlugin, IGpuDeviceSelector
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "Fgd";

    /// <summary>The pod shapes whose scores are cached per node state (more are scored without a cache).</summary>
    private const int MaxShapes = 512;

    private readonly GpuNodeStates _states = new();
    private readonly Dictionary<GpuPod, int> _shapes = [];
    private CycleState? _cycle;
    private PodInfo? _cyclePod;
    private GpuPod _cycleGpu;
    private int _cycleShape;
    private readonly bool _learning;
    private readonly Dictionary<(long Cpu, int Milli, int Count, string Type), double> _seen = [];
    private readonly HashSet<(ObjectKey Key, long Uid)> _seenPods = [];
    private double _seenTotal;
    private bool _stale;
    private TypicalPod[] _workload;
    private PreparedWorkload _prepared;
    private long _version;

    /// <summary>A plugin measuring fragmentation against <paramref name="args"/>' typical pods (learned when there are none).</summary>
    public Fgd(FgdArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Validate(string.Empty) is [var problem, ..])
        {
            throw new SchedulerConfigException($"{PluginName}: {problem}");
        }

        _workload = args.TypicalPods.IsDefault ? [] : [.. args.TypicalPods];
        _prepared = new PreparedWorkload(_workload);
        _learning = _workload.Length == 0;
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>The workload M in use now.</summary>
    public ImmutableArray<TypicalPod> Workload => [.. CurrentWorkload()];

    /// <summary>The logistic function, as upstream's <c>sigmoid</c>.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>
    /// The score of a node in state <paramref name="node"/>, with fragmentation <paramref name="before"/>
    /// (F_n(M)), for <paramref name="pod"/>; <paramref name="device"/> is the share's best device (−1 otherwise).
    /// </summary>
    public static long ScoreOf(GpuNodeState node, GpuPod pod, ReadOnlySpan<TypicalPod> workload, double before, out int device)
    {
        ArgumentNullException.ThrowIfNull(node);
        return ScoreOf(node, pod, new PreparedWorkload(workload), before, out device);
    }

    /// <summary>The score of <see cref="ScoreOf(GpuNodeState, GpuPod, ReadOnlySpan{TypicalPod}, double, out int)"/>, M prepared.</summary>
    private static long ScoreOf(GpuNodeState node, GpuPod pod, PreparedWorkload workload, double before, out int device)
    {
        device = -1;
        var request = pod.Request;
        if (!request.AllowsModel(node.Model))
        {
            return 0;
        }

        var free = node.FreeMilli;
        Span<int> after = free.Length <= 64 ? stackalloc int[free.Length] : new int[free.Length];
        if (request.IsShare)
        {
            long best = 0;
            for (var i = 0; i < free.Length; i++)
            {
                if (free[i] < request.MilliPerGpu || SameAsEarlierFit(free, i, request.MilliPerGpu))
                {
                    continue;
                }

                free.CopyTo(after);
                after[i] -= request.MilliPerGpu;
                var score = ScoreOf(before, workload.OfNode(node.MilliCpuLeft - pod.MilliCpu, after, node.Model));
                if (device < 0 || score > best)
                {
                    (best, device) = (score, i);
                }
            }

            return best;
        }

        // Upstream's NodeResource.Sub: nothing is taken when the CPU or the device count falls short.
        free.CopyTo(after);
        var cpuLeft = node.MilliCpuLeft;
        if (cpuLeft >= pod.MilliCpu && node.DeviceCount >= request.Count)
        {
            cpuLeft -= pod.MilliCpu;
            TakeTightest(after, request);
        }

        return ScoreOf(before, workload.OfNode(cpuLeft, after, node.Model));
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_learning && _seenPods.Add((pod.Pod.Key, pod.Pod.Metadata.Uid)))
        {
            var gpu = GpuPod.Of(pod);
            var shape = (gpu.MilliCpu, gpu.Request.MilliPerGpu, gpu.Request.Count, gpu.Request.Models);
            _seen[shape] = _seen.GetValueOrDefault(shape) + 1;
            _seenTotal++;
            _stale = true;
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Requests.IsZero)
        {
            return Helper.NormalizeScore.MaxNodeScore;
        }

        CurrentWorkload();
        var workload = _prepared;
        var gpus = _states.Get(node);
        if (gpus.CachedFragmentationOf != _version)
        {
            gpus.CachedFragmentation = workload.OfNode(gpus.MilliCpuLeft, gpus.FreeMilli, gpus.Model);
            gpus.CachedFragmentationOf = _version;
            Array.Clear(gpus.CachedScores);
        }

        // The score is a function of the node's state and the pod's shape (its CPU and GPU request) under
        // M: it is computed once per state and shape, as a node's state changes only when a pod lands on
        // or leaves it while the same shapes come again and again.
        var gpuPod = CurrentPod(state, pod, out var shape);
        if (shape < 0)
        {
            return ScoreOf(gpus, gpuPod, workload, gpus.CachedFragmentation, out _);
        }

        var scores = gpus.CachedScores;
        if (shape >= scores.Length)
        {
            Array.Resize(ref scores, Math.Min(MaxShapes, Math.Max(2 * scores.Length, shape + 1)));
            gpus.CachedScores = scores;
        }

        if (scores[shape] == 0)
        {
            scores[shape] = (int)ScoreOf(gpus, gpuPod, workload, gpus.CachedFragmentation, out _) + 1;
        }

        return scores[shape] - 1;
    }

    /// <inheritdoc />
    public int SelectDevices(PodInfo pod, GpuRequest request, GpuNodeState node, Span<int> devices)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (!request.IsShare)
        {
            return GpuDeviceSelection.LowestFullyFree(node.FreeMilli, request.Count, devices);
        }

        CurrentWorkload();
        var workload = _prepared;
        ScoreOf(node, new GpuPod(pod.NonZeroMilliCpu, request), workload, workload.OfNode(node.MilliCpuLeft, node.FreeMilli, node.Model), out var device);
        if (device < 0)
        {
            return 0;
        }

        devices[0] = device;
        return 1;
    }

    private static long ScoreOf(double before, double after) =>
        (long)(Sigmoid((before - after) / 1000) * Helper.NormalizeScore.MaxNodeScore);

    /// <summary>True when an earlier device had the same free amount: it gives the same node, so the same score, and it wins ties.</summary>
    private static bool SameAsEarlierFit(ReadOnlySpan<int> free, int i, int milli)
    {
        for (var j = 0; j < i; j++)
        {
            if (free[j] == free[i] && free[j] >= milli)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Takes the request from the devices in ascending order of free milli-GPU (a stable sort of the
    /// devices before any is taken), each device once, as upstream's <c>Sub</c>.
    /// </summary>
    private static void TakeTightest(Span<int> free, GpuRequest request)
    {
        Span<int> order = free.Length <= 64 ? stackalloc int[free.Length] : new int[free.Length];
        GpuDeviceSelection.AscendingOrder(free, order);

        var wanted = request.Count;
        for (var k = 0; k < order.Length && wanted > 0; k++)
        {
            if (request.MilliPerGpu <= free[order[k]])
            {
                free[order[k]] -= request.MilliPerGpu;
                wanted--;
            }
        }
    }

    /// <summary>
    /// The pod's <see cref="GpuPod"/> and its shape's number (−1 beyond <see cref="MaxShapes"/> shapes:
    /// not cached), read once per cycle.
    /// </summary>
    private GpuPod CurrentPod(CycleState state, PodInfo pod, out int shape)
    {
        if (!ReferenceEquals(state, _cycle) || !ReferenceEquals(pod, _cyclePod))
        {
            _cycleGpu = GpuPod.Of(pod);
            if (!_shapes.TryGetValue(_cycleGpu, out _cycleShape))
            {
                _cycleShape = _shapes.Count < MaxShapes ? _shapes.Count : -1;
                if (_cycleShape >= 0)
                {
                    _shapes.Add(_cycleGpu, _cycleShape);
                }
            }

            (_cycle, _cyclePod) = (state, pod);
        }

        shape = _cycleShape;
        return _cycleGpu;
    }

    private TypicalPod[] CurrentWorkload()
    {
        if (_stale)
        {
            _workload = [.. TypicalPods.FromCounts(_seen, _seenTotal, TypicalPods.DefaultPopularityThreshold, 1)];
            _prepared = new PreparedWorkload(_workload);
            _version++;
            _stale = false;
        }

        return _workload;
    }
}
