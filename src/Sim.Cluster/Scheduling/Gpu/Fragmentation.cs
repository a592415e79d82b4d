using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// GPU fragmentation as FGD measures it (fgd-method.md §5; the FGD simulator's <c>pkg/utils/frag.go</c>),
/// in milli-GPU. For one task shape m, <see cref="OfTask"/> is F_n(m): the node's free GPU that m cannot
/// use. For the target workload M, <see cref="OfNode(long, ReadOnlySpan{int}, string, ReadOnlySpan{TypicalPod})"/>
/// is F_n(M) = Σ_m p_m F_n(m); the cluster's fragmentation is the sum over its nodes.
/// </summary>
/// <remarks>
/// Every free milli-GPU counts as fragmented for a CPU-only task, for a task whose models exclude the
/// node, and for a task the node cannot host (too little CPU, or too few devices with room for it).
/// For a task the node can host, only the devices too small for it count. F_n(M) is computed in double
/// precision in upstream's order (per class of outcome, then summed) so that FGD's truncated scores
/// come out as upstream's.
/// </remarks>
public static class Fragmentation
{
    /// <summary>How a node stands towards one task (upstream's fragment classes, in upstream's order).</summary>
    public enum Outcome
    {
        /// <summary>Q1: too little CPU and too few devices with room.</summary>
        LackBoth,

        /// <summary>Q2: enough CPU, too few devices with room.</summary>
        LackGpu,

        /// <summary>Q3: the node can host the task; only devices too small for it are fragments.</summary>
        Satisfied,

        /// <summary>Q4: enough devices with room, too little CPU.</summary>
        LackCpu,

        /// <summary>XL: a CPU-only task with enough CPU (the node's free GPU is all fragment for it).</summary>
        CpuTaskSatisfied,

        /// <summary>XR: a CPU-only task with too little CPU.</summary>
        CpuTaskLackCpu,

        /// <summary>The task's models exclude the node.</summary>
        NoAccess,
    }

    /// <summary>How a node with <paramref name="milliCpuLeft"/>, devices <paramref name="free"/> of <paramref name="model"/> stands towards <paramref name="task"/> (upstream's <c>GetNodePodFrag</c>).</summary>
    public static Outcome Classify(long milliCpuLeft, ReadOnlySpan<int> free, string model, TypicalPod task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var cpuFits = milliCpuLeft >= task.MilliCpu;
        if (task.MilliGpu == 0)
        {
            return cpuFits ? Outcome.CpuTaskSatisfied : Outcome.CpuTaskLackCpu;
        }

        if (!new GpuRequest(task.GpuNumber, task.MilliGpu, task.GpuType).AllowsModel(model))
        {
            return Outcome.NoAccess;
        }

        var roomy = 0;
        foreach (var f in free)
        {
            if (f >= task.MilliGpu)
            {
                roomy++;
            }
        }

        return roomy >= task.GpuNumber && roomy > 0
            ? cpuFits ? Outcome.Satisfied : Outcome.LackCpu
            : cpuFits ? Outcome.LackGpu : Outcome.LackBoth;
    }

    /// <summary>F_n(m): the free milli-GPU of the node that <paramref name="task"/> cannot use.</summary>
    public static long OfTask(long milliCpuLeft, ReadOnlySpan<int> free, string model, TypicalPod task)
    {
        var outcome = Classify(milliCpuLeft, free, model, task);
        return outcome == Outcome.Satisfied ? TooSmall(free, task.MilliGpu) : Sum(free);
    }

    /// <summary>F_n(M) = Σ_m p_m F_n(m) for the node's state.</summary>
    public static double OfNode(GpuNodeState node, ReadOnlySpan<TypicalPod> workload)
    {
        ArgumentNullException.ThrowIfNull(node);
        return OfNode(node.MilliCpuLeft, node.FreeMilli, node.Model, workload);
    }

    /// <summary>
    /// F_n(M) = Σ_m p_m F_n(m) for a node with <paramref name="milliCpuLeft"/> and devices <paramref name="free"/>
    /// of <paramref name="model"/>, computed as upstream's <c>NodeGpuShareFragAmountScore</c>: p_m × amount
    /// added to the amount of m's outcome (for a satisfied task the too-small devices to Q2's), then the
    /// outcomes but Q3 added in upstream's order. Tasks with a probability outside 0..1 are skipped, as upstream.
    /// </summary>
    public static double OfNode(long milliCpuLeft, ReadOnlySpan<int> free, string model, ReadOnlySpan<TypicalPod> workload)
    {
        ArgumentNullException.ThrowIfNull(model);
        Span<double> amounts = stackalloc double[7];
        var idle = Sum(free);
        foreach (var task in workload)
        {
            var p = task.Probability;
            if (p is < 0 or > 1)
            {
                continue;
            }

            var outcome = Classify(milliCpuLeft, free, model, task);
            if (outcome == Outcome.Satisfied)
            {
                var fragment = TooSmall(free, task.MilliGpu);
                amounts[(int)Outcome.LackGpu] += p * fragment;
                amounts[(int)Outcome.Satisfied] += p * (idle - fragment);
            }
            else
            {
                amounts[(int)outcome] += p * idle;
            }
        }

        double total = 0;
        for (var i = 0; i < amounts.Length; i++)
        {
            if (i != (int)Outcome.Satisfied)
            {
                total += amounts[i];
            }
        }

        return total;
    }

    private static long TooSmall(ReadOnlySpan<int> free, int milli)
    {
        long sum = 0;
        foreach (var f in free)
        {
            if (f < milli)
            {
                sum += f;
            }
        }

        return sum;
    }

    private static long Sum(ReadOnlySpan<int> free)
    {
        long sum = 0;
        foreach (var f in free)
        {
            sum += f;
        }

        return sum;
    }
}
