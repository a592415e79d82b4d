using System.Collections.Immutable;
using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// The target workload M of FGD learned incrementally: pods are counted by shape one at a time, and
/// <see cref="Workload"/> is what <see cref="TypicalPods.FromPods"/> would give for all the pods counted so
/// far, recomputed only when a pod was counted since it was last asked for.
/// </summary>
/// <example>
/// <code>
/// var counter = new TypicalPodCounter();
/// counter.Add(new GpuPod(4000, new GpuRequest(1, 500, string.Empty)));   // a 4-CPU pod sharing half a GPU
/// ImmutableArray&lt;TypicalPod&gt; m = counter.Workload;
/// </code>
/// </example>
public sealed class TypicalPodCounter
{
    private readonly Dictionary<(long Cpu, int Milli, int Count, string Type), double> _counts = [];
    private readonly int _popularityThreshold;
    private readonly int _increaseStep;
    private ImmutableArray<TypicalPod> _workload = [];
    private bool _stale;

    /// <summary>A counter with no pod, cutting at <paramref name="popularityThreshold"/> % taken <paramref name="increaseStep"/> shapes at a time (see <see cref="TypicalPods.FromPods"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the threshold is outside 1..100 or the step below 1.</exception>
    public TypicalPodCounter(int popularityThreshold = TypicalPods.DefaultPopularityThreshold, int increaseStep = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(popularityThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(popularityThreshold, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(increaseStep, 1);
        _popularityThreshold = popularityThreshold;
        _increaseStep = increaseStep;
    }

    /// <summary>The number of pods counted.</summary>
    public long Total { get; private set; }

    /// <summary>The number of distinct shapes counted.</summary>
    public int Shapes => _counts.Count;

    /// <summary>Bumped whenever <see cref="Workload"/> is recomputed (a pod was counted since the last time it was asked for).</summary>
    public long Version { get; private set; }

    /// <summary>The typical pods of the pods counted so far; empty before the first.</summary>
    public ImmutableArray<TypicalPod> Workload
    {
        get
        {
            if (_stale)
            {
                _workload = TypicalPods.FromCounts(_counts, Total, _popularityThreshold, _increaseStep);
                _stale = false;
                Version++;
            }

            return _workload;
        }
    }

    /// <summary>
    /// Counts one pod of shape <paramref name="pod"/>: its CPU (as <see cref="GpuPod.MilliCpu"/>, with the
    /// non-zero default) and its GPU request (<see cref="GpuRequest.None"/> for a CPU-only pod).
    /// </summary>
    public void Add(GpuPod pod)
    {
        var request = pod.Request;
        var shape = (pod.MilliCpu, request.MilliPerGpu, request.Count, request.Models ?? string.Empty);
        _counts[shape] = _counts.GetValueOrDefault(shape) + 1;
        Total++;
        _stale = true;
    }
}
