using System.Numerics;
using System.Runtime.Intrinsics;
using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A target workload M laid out for computing F_n(M) many times: the tasks' fields in arrays, and for
/// each GPU model met, which tasks it allows. <see cref="OfNode"/> gives exactly
/// <see cref="Fragmentation.OfNode(long, ReadOnlySpan{int}, string, ReadOnlySpan{TypicalPod})"/>, bit for bit
/// (the same outcomes, and the same floating-point sums in the same order), at a fraction of the cost:
/// no per-task model parsing, and the device tests of a node of up to 8 devices in one vector compare.
/// </summary>
/// <remarks>Not thread-safe (the per-model table fills lazily); one per plugin instance.</remarks>
internal sealed class PreparedWorkload
{
    private readonly long[] _milliCpu;
    private readonly int[] _milliGpu;
    private readonly int[] _gpuNumber;
    private readonly double[] _probability;
    private readonly TypicalPod[] _tasks;
    private readonly Dictionary<string, bool[]> _allowed = new(StringComparer.Ordinal);
    private readonly bool _anyNegativeMilli;
    private string? _lastModel;
    private bool[] _lastAllowed = [];

    /// <summary>Prepares <paramref name="workload"/> (tasks with a probability outside 0..1 are left out, as F skips them).</summary>
    public PreparedWorkload(ReadOnlySpan<TypicalPod> workload)
    {
        var tasks = new List<TypicalPod>(workload.Length);
        foreach (var task in workload)
        {
            ArgumentNullException.ThrowIfNull(task);
            if (task.Probability is < 0 or > 1)
            {
                continue;
            }

            tasks.Add(task);
            _anyNegativeMilli |= task.MilliGpu < 0;
        }

        _tasks = [.. tasks];
        _milliCpu = [.. tasks.Select(t => t.MilliCpu)];
        _milliGpu = [.. tasks.Select(t => t.MilliGpu)];
        _gpuNumber = [.. tasks.Select(t => t.GpuNumber)];
        _probability = [.. tasks.Select(t => t.Probability)];
    }

    /// <summary>F_n(M) of a node with <paramref name="milliCpuLeft"/> and devices <paramref name="free"/> of <paramref name="model"/>.</summary>
    public double OfNode(long milliCpuLeft, ReadOnlySpan<int> free, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return free.Length <= Vector256<int>.Count && Vector256.IsHardwareAccelerated && !_anyNegativeMilli
            ? OfSmallNode(milliCpuLeft, free, Allowed(model))
            : Fragmentation.OfNode(milliCpuLeft, free, model, _tasks);
    }

    private double OfSmallNode(long milliCpuLeft, ReadOnlySpan<int> free, bool[] allowed)
    {
        // Padding devices hold 0 free: never room for a GPU task (milli-GPU ≥ 1; a workload with a negative
        // one takes the plain path), nothing to any sum.
        Span<int> padded = stackalloc int[Vector256<int>.Count];
        padded.Clear();
        free.CopyTo(padded);
        var devices = Vector256.Create<int>(padded);
        long idle = Vector256.Sum(devices);

        // The outcomes' amounts as Fragmentation.OfNode adds them: per outcome, in task order.
        double lackBoth = 0, lackGpu = 0, satisfied = 0, lackCpu = 0, cpuTaskSatisfied = 0, cpuTaskLackCpu = 0, noAccess = 0;
        var milliCpu = _milliCpu;
        var milliGpu = _milliGpu;
        var gpuNumber = _gpuNumber;
        var probability = _probability;
        for (var i = 0; i < milliCpu.Length; i++)
        {
            var p = probability[i];
            var cpuFits = milliCpuLeft >= milliCpu[i];
            var milli = milliGpu[i];
            if (milli == 0)
            {
                if (cpuFits)
                {
                    cpuTaskSatisfied += p * idle;
                }
                else
                {
                    cpuTaskLackCpu += p * idle;
                }

                continue;
            }

            if (!allowed[i])
            {
                noAccess += p * idle;
                continue;
            }

            var roomyMask = Vector256.GreaterThanOrEqual(devices, Vector256.Create(milli));
            var roomy = BitOperations.PopCount(roomyMask.ExtractMostSignificantBits());
            if (roomy >= gpuNumber[i] && roomy > 0)
            {
                if (cpuFits)
                {
                    long fragment = Vector256.Sum(Vector256.AndNot(devices, roomyMask));
                    lackGpu += p * fragment;
                    satisfied += p * (idle - fragment);
                }
                else
                {
                    lackCpu += p * idle;
                }
            }
            else if (cpuFits)
            {
                lackGpu += p * idle;
            }
            else
            {
                lackBoth += p * idle;
            }
        }

        // Fragmentation.OfNode's total: the outcomes in their order, Satisfied left out.
        _ = satisfied;
        double total = 0;
        total += lackBoth;
        total += lackGpu;
        total += lackCpu;
        total += cpuTaskSatisfied;
        total += cpuTaskLackCpu;
        total += noAccess;
        return total;
    }

    /// <summary>Which tasks allow <paramref name="model"/>, by task (the test of <see cref="Fragmentation.Classify"/>).</summary>
    private bool[] Allowed(string model)
    {
        // Calls come node after node, and nodes of a model often follow one another.
        if (string.Equals(model, _lastModel, StringComparison.Ordinal))
        {
            return _lastAllowed;
        }

        if (!_allowed.TryGetValue(model, out var allowed))
        {
            allowed = new bool[_tasks.Length];
            for (var i = 0; i < allowed.Length; i++)
            {
                var task = _tasks[i];
                allowed[i] = new GpuRequest(task.GpuNumber, task.MilliGpu, task.GpuType).AllowsModel(model);
            }

            _allowed.Add(model, allowed);
        }

        (_lastModel, _lastAllowed) = (model, allowed);
        return allowed;
    }
}
