using BenchmarkDotNet.Attributes;
using Sim.Scheduling;

namespace Sim.Benchmarks;

/// <summary>
/// Scheduling throughput in the shape of kube-scheduler's scheduler_perf: the default profile, the
/// node-default template, init pods placed first (outside the measurement), then the measured pods
/// scheduled one at a time (schedule + assume). One operation is one measured pod, so the mean is the
/// time per pod and the allocation column is bytes per pod.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>SchedulingBasic</c>: SchedulingBasic/5000Nodes_10000Pods: 1,000 init and 10,000 measured default pods.</item>
/// <item><c>PodAntiAffinity</c>: SchedulingPodAntiAffinity: Nodes/5 init and 400 measured pods with required hostname anti-affinity
/// among themselves (upstream measures 2,000 at 5,000 nodes; 400 keeps every variant schedulable at 500 nodes).</item>
/// <item><c>TopologySpread</c>: 1,000 default init pods, 2,000 measured pods spread over 3 zones with maxSkew 5 (DoNotSchedule).</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SchedulerPodsPerSecondConfig))]
public class SchedulerBenchmarks
{
    private const int BasicPods = 10_000;
    private const int AntiAffinityPods = 400;
    private const int SpreadPods = 2_000;

    private SchedulerWorkload _workload = null!;
    private PodInfo[] _pods = [];

    /// <summary>Nodes in the cluster.</summary>
    [Params(500, 5_000, 15_000)]
    public int Nodes { get; set; }

    [IterationSetup(Target = nameof(SchedulingBasic))]
    public void SetUpBasic()
    {
        _workload = SchedulerWorkload.Basic(Nodes, initPods: 1_000);
        _pods = [.. Enumerable.Range(0, BasicPods).Select(i => new PodInfo(SchedulerWorkload.DefaultPod($"pod-{i}", "default")))];
    }

    [Benchmark(OperationsPerInvoke = BasicPods)]
    public int SchedulingBasic() => ScheduleAll();

    [IterationSetup(Target = nameof(PodAntiAffinity))]
    public void SetUpAntiAffinity()
    {
        _workload = SchedulerWorkload.AntiAffinity(Nodes, initPods: Nodes / 5);
        _pods = [.. Enumerable.Range(0, AntiAffinityPods).Select(i => new PodInfo(SchedulerWorkload.AntiAffinityPod($"pod-{i}", "sched-1")))];
    }

    [Benchmark(OperationsPerInvoke = AntiAffinityPods)]
    public int PodAntiAffinity() => ScheduleAll();

    [IterationSetup(Target = nameof(TopologySpread))]
    public void SetUpTopologySpread()
    {
        _workload = SchedulerWorkload.Basic(Nodes, initPods: 1_000);
        _pods = [.. Enumerable.Range(0, SpreadPods).Select(i => new PodInfo(SchedulerWorkload.TopologySpreadPod($"pod-{i}", "default")))];
    }

    [Benchmark(OperationsPerInvoke = SpreadPods)]
    public int TopologySpread() => ScheduleAll();

    private int ScheduleAll()
    {
        var workload = _workload;
        foreach (var pod in _pods)
        {
            if (workload.ScheduleOne(pod) is null)
            {
                throw new InvalidOperationException($"{pod} did not fit: the workload is sized so that every pod fits.");
            }
        }

        return workload.Scheduled;
    }
}

/// <summary>
/// The default profile's Filter plugins over every node for one default pod (PreFilter once), on the
/// SchedulingBasic cluster after its init pods: the allocation column divided by <c>Nodes</c> is the bytes
/// allocated per filtered node.
/// </summary>
[MemoryDiagnoser]
public class SchedulerFilterBenchmarks
{
    private SchedulerWorkload _workload = null!;
    private PodInfo _pod = null!;

    /// <summary>Nodes in the cluster.</summary>
    [Params(500, 5_000, 15_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _workload = SchedulerWorkload.Basic(Nodes, initPods: 1_000);
        _pod = new PodInfo(SchedulerWorkload.DefaultPod("probe", "default"));
    }

    [Benchmark]
    public int FilterEveryNode() => _workload.FilterAllNodes(_pod);
}
