namespace Sim.Metrics;

/// <summary>
/// The metrics' names: snake_case, with the unit as a suffix where there is one (<c>_s</c> seconds,
/// <c>_per_s</c> per simulated second; fractions and counts have none). Exact definitions are in
/// docs/metrics.md.
/// </summary>
public static class MetricNames
{
    /// <summary>Requested CPU of placed pods over allocatable CPU of counted nodes (fraction); final: time-weighted mean.</summary>
    public const string CpuUtilization = "cpu_utilization";

    /// <summary>The same for memory (fraction).</summary>
    public const string MemoryUtilization = "memory_utilization";

    /// <summary>The same for GPUs in milli-GPU, shares of a GPU included (fraction); 0 when no counted node has GPUs.</summary>
    public const string GpuUtilization = "gpu_utilization";

    /// <summary>Free CPU on counted nodes whose free memory is below the stranding threshold, over allocatable CPU (fraction); final: time-weighted mean.</summary>
    public const string CpuStrandedFraction = "cpu_stranded_fraction";

    /// <summary>Free memory on counted nodes whose free CPU is below the stranding threshold, over allocatable memory (fraction); final: time-weighted mean.</summary>
    public const string MemoryStrandedFraction = "memory_stranded_fraction";

    /// <summary>
    /// GPU fragmentation as FGD measures it: Σ F_n(M) over counted GPU nodes (the free milli-GPU the typical
    /// pods M of the pods created so far cannot use, in expectation) over their GPU capacity in milli-GPU
    /// (fraction, series); 0 when no counted node has GPUs.
    /// </summary>
    public const string GpuFragmentedFraction = "gpu_fragmented_fraction";

    /// <summary>Mean over samples of <see cref="GpuFragmentedFraction"/> (fraction).</summary>
    public const string GpuFragmentedFractionMean = "gpu_fragmented_fraction_mean";

    /// <summary>Population standard deviation of per-node CPU utilization over counted nodes; final: mean over samples.</summary>
    public const string CpuImbalanceStddev = "cpu_imbalance_stddev";

    /// <summary>Max − min of per-node CPU utilization over counted nodes; final: mean over samples.</summary>
    public const string CpuImbalanceRange = "cpu_imbalance_range";

    /// <summary>Population standard deviation of per-node memory utilization over counted nodes; final: mean over samples.</summary>
    public const string MemoryImbalanceStddev = "memory_imbalance_stddev";

    /// <summary>Max − min of per-node memory utilization over counted nodes; final: mean over samples.</summary>
    public const string MemoryImbalanceRange = "memory_imbalance_range";

    /// <summary>Nodes with at least one placed pod, now (series).</summary>
    public const string NodesInUse = "nodes_in_use";

    /// <summary>Time-weighted mean of <see cref="NodesInUse"/> (nodes).</summary>
    public const string NodesInUseMean = "nodes_in_use_mean";

    /// <summary>Largest <see cref="NodesInUse"/> since the start (nodes).</summary>
    public const string NodesInUseMax = "nodes_in_use_max";

    /// <summary>The lower bound on nodes the placed and pending pods need, now (series; nodes).</summary>
    public const string NodesLowerBound = "nodes_lower_bound";

    /// <summary>Time-weighted mean of <see cref="NodesLowerBound"/> (nodes).</summary>
    public const string NodesLowerBoundMean = "nodes_lower_bound_mean";

    /// <summary>Time-weighted mean of nodes in use minus the lower bound (nodes).</summary>
    public const string NodesGapToLowerBoundMean = "nodes_gap_to_lower_bound_mean";

    /// <summary>Pods created, not bound, not terminal and not being deleted, now (series).</summary>
    public const string PendingPods = "pending_pods";

    /// <summary>Time-weighted mean of <see cref="PendingPods"/>.</summary>
    public const string PendingPodsMean = "pending_pods_mean";

    /// <summary>Largest <see cref="PendingPods"/> since the start.</summary>
    public const string PendingPodsMax = "pending_pods_max";

    /// <summary><see cref="PendingPods"/> at the end.</summary>
    public const string PendingPodsFinal = "pending_pods_final";

    /// <summary>Pending pods whose last scheduling attempt found no node (status reason <c>Unschedulable</c>), now (series).</summary>
    public const string UnschedulablePods = "unschedulable_pods";

    /// <summary>Time-weighted mean of <see cref="UnschedulablePods"/>.</summary>
    public const string UnschedulablePodsMean = "unschedulable_pods_mean";

    /// <summary>Largest <see cref="UnschedulablePods"/> since the start.</summary>
    public const string UnschedulablePodsMax = "unschedulable_pods_max";

    /// <summary><see cref="UnschedulablePods"/> at the end.</summary>
    public const string UnschedulablePodsFinal = "unschedulable_pods_final";

    /// <summary>Pods placed on a node (bound, not terminal, not removed), now (series).</summary>
    public const string BoundPods = "bound_pods";

    /// <summary>Mean time from a pod's creation to its binding, over the pods bound since the start (seconds).</summary>
    public const string SchedulingLatencyMean = "scheduling_latency_mean_s";

    /// <summary>Nearest-rank median of the scheduling latencies (seconds).</summary>
    public const string SchedulingLatencyP50 = "scheduling_latency_p50_s";

    /// <summary>Nearest-rank 90th percentile of the scheduling latencies (seconds).</summary>
    public const string SchedulingLatencyP90 = "scheduling_latency_p90_s";

    /// <summary>Nearest-rank 99th percentile of the scheduling latencies (seconds).</summary>
    public const string SchedulingLatencyP99 = "scheduling_latency_p99_s";

    /// <summary>Mean time from a pod's creation to its first Running phase, over the pods that started since the start (seconds).</summary>
    public const string StartupLatencyMean = "startup_latency_mean_s";

    /// <summary>Nearest-rank median of the startup latencies (seconds).</summary>
    public const string StartupLatencyP50 = "startup_latency_p50_s";

    /// <summary>Nearest-rank 90th percentile of the startup latencies (seconds).</summary>
    public const string StartupLatencyP90 = "startup_latency_p90_s";

    /// <summary>Nearest-rank 99th percentile of the startup latencies (seconds).</summary>
    public const string StartupLatencyP99 = "startup_latency_p99_s";

    /// <summary>Pods created since the start.</summary>
    public const string PodsCreated = "pods_created";

    /// <summary>Pods bound (an update that set <c>spec.nodeName</c>) since the start; cumulative in the series.</summary>
    public const string PodsScheduled = "pods_scheduled";

    /// <summary>Pods that entered phase Succeeded since the start.</summary>
    public const string PodsSucceeded = "pods_succeeded";

    /// <summary>Pods that entered phase Failed since the start.</summary>
    public const string PodsFailed = "pods_failed";

    /// <summary>Pods whose deletion the scheduler requested to preempt them (victims) since the start; cumulative in the series.</summary>
    public const string PodsPreempted = "pods_preempted";

    /// <summary><see cref="PodsScheduled"/> per simulated second since the start.</summary>
    public const string SchedulingThroughput = "scheduling_throughput_pods_per_s";

    /// <summary>Simulated time from the start to the end (seconds).</summary>
    public const string SimulatedDuration = "simulated_duration_s";
}
