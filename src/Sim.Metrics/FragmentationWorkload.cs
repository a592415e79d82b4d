using Sim.Cluster.Gpu;
using Sim.Scheduling.Gpu;

namespace Sim.Metrics;

/// <summary>
/// The typical pods M arranged to compute F_n(M) of many nodes quickly: tasks grouped by GPU request,
/// each group's CPU requests sorted with the running sums of their probabilities.
/// </summary>
/// <remarks>
/// F_n(m) is all the node's free milli-GPU except for a task the node can host (its models allow the
/// node, enough devices have room, enough CPU), for which it is the free milli-GPU of the devices too
/// small for it (<see cref="Fragmentation"/>). So F_n(M) = P × idle − Σ over the GPU requests g the node
/// can host of P(g, CPU ≤ CPU left) × (idle − too small for g), with P the sum of the valid
/// probabilities: one device scan and one binary search per GPU request instead of one device scan per
/// task. M learned from a run's pods has as many tasks as distinct CPU requests (often thousands) but
/// only a few GPU requests. Equal to <see cref="Fragmentation.OfNode(long, ReadOnlySpan{int}, string, ReadOnlySpan{TypicalPod})"/>
/// up to floating-point rounding (the terms are added in another order).
/// </remarks>
internal sealed class FragmentationWorkload
{
    private readonly Group[] _groups;
    private readonly double _probability;

    /// <summary>Arranges <paramref name="workload"/> (tasks with a probability outside 0..1 are skipped, as <see cref="Fragmentation"/> does).</summary>
    public FragmentationWorkload(ReadOnlySpan<TypicalPod> workload)
    {
        var groups = new Dictionary<(int Milli, int Count, string Models), List<(long Cpu, double P)>>();
        var order = new List<(int Milli, int Count, string Models)>();
        foreach (var task in workload)
        {
            if (task.Probability is < 0 or > 1)
            {
                continue;
            }

            _probability += task.Probability;
            if (task.MilliGpu == 0)
            {
                continue; // a CPU-only task finds all free GPU fragmented, whatever the node
            }

            var key = (task.MilliGpu, task.GpuNumber, task.GpuType);
            if (!groups.TryGetValue(key, out var tasks))
            {
                tasks = [];
                groups.Add(key, tasks);
                order.Add(key);
            }

            tasks.Add((task.MilliCpu, task.Probability));
        }

        _groups = new Group[order.Count];
        for (var g = 0; g < order.Count; g++)
        {
            var tasks = groups[order[g]];
            tasks.Sort(static (a, b) => a.Cpu.CompareTo(b.Cpu));
            var cpu = new long[tasks.Count];
            var mass = new double[tasks.Count + 1];
            for (var i = 0; i < tasks.Count; i++)
            {
                cpu[i] = tasks[i].Cpu;
                mass[i + 1] = mass[i] + tasks[i].P;
            }

            var (milli, count, models) = order[g];
            _groups[g] = new Group(new GpuRequest(count, milli, models), cpu, mass);
        }
    }

    /// <summary>No task: every F is 0.</summary>
    public static FragmentationWorkload Empty { get; } = new([]);

    /// <summary>F_n(M) of a node with <paramref name="milliCpuLeft"/> and devices <paramref name="free"/> of <paramref name="model"/>, in milli-GPU.</summary>
    public double OfNode(long milliCpuLeft, ReadOnlySpan<int> free, string model)
    {
        long idle = 0;
        foreach (var f in free)
        {
            idle += f;
        }

        var fragmented = _probability * idle;
        foreach (var group in _groups)
        {
            var hosted = group.MassUpTo(milliCpuLeft);
            if (hosted == 0 || !group.Request.AllowsModel(model))
            {
                continue;
            }

            var roomy = 0;
            long tooSmall = 0;
            foreach (var f in free)
            {
                if (f >= group.Request.MilliPerGpu)
                {
                    roomy++;
                }
                else
                {
                    tooSmall += f;
                }
            }

            if (roomy >= group.Request.Count && roomy > 0)
            {
                fragmented -= hosted * (idle - tooSmall);
            }
        }

        return Math.Max(fragmented, 0);
    }

    /// <summary>The tasks of one GPU request: their CPU requests ascending and the running sums of their probabilities (<c>Mass[i]</c>: the first i).</summary>
    private readonly record struct Group(GpuRequest Request, long[] Cpu, double[] Mass)
    {
        /// <summary>The probability of the tasks whose CPU request is at most <paramref name="milliCpu"/>.</summary>
        public double MassUpTo(long milliCpu)
        {
            int lo = 0, hi = Cpu.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Cpu[mid] <= milliCpu)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return Mass[lo];
        }
    }
}
