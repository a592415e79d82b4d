using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Metrics;

/// <summary>
/// Measures a simulated cluster run by observing the API server's writes (never by adding fields to
/// the objects): utilization, stranding, GPU fragmentation, imbalance, nodes in use against a lower
/// bound, pending and unschedulable pods, scheduling and startup latency, preemptions and counts. Time-weighted values
/// are exact integrals over simulated time of values updated at every write; a series is sampled
/// every <see cref="MetricsOptions.SampleInterval"/>. Definitions: docs/metrics.md.
/// </summary>
/// <example>
/// <code>
/// var metrics = new MetricsCollector(cluster, new MetricsOptions());
/// metrics.Start();
/// cluster.Simulation.RunUntil(SimTime.FromSeconds(3600));
/// foreach (var (name, value) in metrics.Final()) { ... }   // MetricsCollector.FinalNames order
/// </code>
/// </example>
public sealed class MetricsCollector
{
    private static readonly Action<MetricsCollector> TickHandler = static collector => collector.Tick();

    private readonly SimulatedCluster _cluster;
    private readonly List<Sample> _series = [];
    private readonly List<NodeAccount> _sortedNodes = [];
    private ClusterLedger? _ledger;
    private SimTime _start;
    private int _samples;
    private double _cpuStddevSum;
    private double _cpuRangeSum;
    private double _memoryStddevSum;
    private double _memoryRangeSum;
    private double _gpuFragmentedSum;

    /// <summary>A collector for <paramref name="cluster"/>; it measures nothing until <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the sample interval is not positive or the stranding threshold is outside [0, 1].</exception>
    public MetricsCollector(SimulatedCluster cluster, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SampleInterval, TimeSpan.Zero, nameof(options));
        if (!(options.StrandingThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StrandingThreshold, "The stranding threshold must be in [0, 1].");
        }

        _cluster = cluster;
        Options = options;
    }

    /// <summary>The names <see cref="Final"/> returns, in its order (the result columns), known before a run.</summary>
    public static IReadOnlyList<string> FinalNames { get; } =
    [
        MetricNames.CpuUtilization,
        MetricNames.MemoryUtilization,
        MetricNames.GpuUtilization,
        MetricNames.CpuStrandedFraction,
        MetricNames.MemoryStrandedFraction,
        MetricNames.GpuFragmentedFractionMean,
        MetricNames.CpuImbalanceStddev,
        MetricNames.CpuImbalanceRange,
        MetricNames.MemoryImbalanceStddev,
        MetricNames.MemoryImbalanceRange,
        MetricNames.NodesInUseMean,
        MetricNames.NodesInUseMax,
        MetricNames.NodesLowerBoundMean,
        MetricNames.NodesGapToLowerBoundMean,
        MetricNames.PendingPodsMean,
        MetricNames.PendingPodsMax,
        MetricNames.PendingPodsFinal,
        MetricNames.UnschedulablePodsMean,
        MetricNames.UnschedulablePodsMax,
        MetricNames.UnschedulablePodsFinal,
        MetricNames.SchedulingLatencyMean,
        MetricNames.SchedulingLatencyP50,
        MetricNames.SchedulingLatencyP90,
        MetricNames.SchedulingLatencyP99,
        MetricNames.StartupLatencyMean,
        MetricNames.StartupLatencyP50,
        MetricNames.StartupLatencyP90,
        MetricNames.StartupLatencyP99,
        MetricNames.PodsCreated,
        MetricNames.PodsScheduled,
        MetricNames.PodsSucceeded,
        MetricNames.PodsFailed,
        MetricNames.PodsPreempted,
        MetricNames.SchedulingThroughput,
        MetricNames.SimulatedDuration,
    ];

    /// <summary>
    /// The cluster-wide metrics each sampling tick appends to <see cref="Series"/>, in its order; with
    /// <see cref="MetricsOptions.PerNode"/>, each node's <c>cpu_utilization/NODE</c>,
    /// <c>memory_utilization/NODE</c> and <c>gpu_utilization/NODE</c> follow, nodes in name order.
    /// </summary>
    public static IReadOnlyList<string> SeriesNames { get; } =
    [
        MetricNames.CpuUtilization,
        MetricNames.MemoryUtilization,
        MetricNames.GpuUtilization,
        MetricNames.CpuStrandedFraction,
        MetricNames.MemoryStrandedFraction,
        MetricNames.GpuFragmentedFraction,
        MetricNames.CpuImbalanceStddev,
        MetricNames.CpuImbalanceRange,
        MetricNames.MemoryImbalanceStddev,
        MetricNames.MemoryImbalanceRange,
        MetricNames.NodesInUse,
        MetricNames.NodesLowerBound,
        MetricNames.PendingPods,
        MetricNames.UnschedulablePods,
        MetricNames.BoundPods,
        MetricNames.PodsScheduled,
        MetricNames.PodsPreempted,
    ];

    /// <summary>The options.</summary>
    public MetricsOptions Options { get; }

    /// <summary>Every sample so far, in time order, and within a tick in <see cref="SeriesNames"/> order.</summary>
    public IReadOnlyList<Sample> Series => _series;

    /// <summary>
    /// Starts measuring at the current simulated time: takes in the nodes and pods that exist (their
    /// state counts; their past creations, bindings and starts do not), observes every later write, and
    /// schedules the sampling ticks at now and every <see cref="MetricsOptions.SampleInterval"/> after.
    /// </summary>
    /// <exception cref="InvalidOperationException">When already started.</exception>
    public void Start()
    {
        if (_ledger is not null)
        {
            throw new InvalidOperationException("The collector is already started.");
        }

        var simulation = _cluster.Simulation;
        _start = simulation.Now;
        _ledger = new ClusterLedger(_start, Options.StrandingThreshold, Options.PerNode);
        foreach (var node in _cluster.Api.List(Node.KindName))
        {
            _ledger.Seed(node, _start);
        }

        foreach (var pod in _cluster.Api.List(Pod.KindName))
        {
            _ledger.Seed(pod, _start);
        }

        _cluster.Api.Observe(OnWrite);
        simulation.ScheduleAt(_start, TickHandler, this);
    }

    /// <summary>
    /// The end-of-run values at the current simulated time, in <see cref="FinalNames"/> order. May be
    /// called more than once (each call measures up to its own time).
    /// </summary>
    /// <exception cref="InvalidOperationException">When not started.</exception>
    public IReadOnlyList<Metric> Final()
    {
        var ledger = Ledger();
        var now = _cluster.Simulation.Now;
        var mean = ledger.Mean(now);
        var elapsed = ledger.ElapsedSeconds(now);
        var scheduling = ledger.SchedulingLatency;
        var startup = ledger.StartupLatency;
        return
        [
            new(MetricNames.CpuUtilization, mean.CpuUtilization),
            new(MetricNames.MemoryUtilization, mean.MemoryUtilization),
            new(MetricNames.GpuUtilization, mean.GpuUtilization),
            new(MetricNames.CpuStrandedFraction, mean.CpuStranded),
            new(MetricNames.MemoryStrandedFraction, mean.MemoryStranded),
            new(MetricNames.GpuFragmentedFractionMean, OverSamples(_gpuFragmentedSum)),
            new(MetricNames.CpuImbalanceStddev, OverSamples(_cpuStddevSum)),
            new(MetricNames.CpuImbalanceRange, OverSamples(_cpuRangeSum)),
            new(MetricNames.MemoryImbalanceStddev, OverSamples(_memoryStddevSum)),
            new(MetricNames.MemoryImbalanceRange, OverSamples(_memoryRangeSum)),
            new(MetricNames.NodesInUseMean, mean.NodesInUse),
            new(MetricNames.NodesInUseMax, ledger.MaxNodesInUse),
            new(MetricNames.NodesLowerBoundMean, mean.NodesLowerBound),
            new(MetricNames.NodesGapToLowerBoundMean, mean.NodesInUse - mean.NodesLowerBound),
            new(MetricNames.PendingPodsMean, mean.PendingPods),
            new(MetricNames.PendingPodsMax, ledger.MaxPendingPods),
            new(MetricNames.PendingPodsFinal, ledger.PendingPods),
            new(MetricNames.UnschedulablePodsMean, mean.UnschedulablePods),
            new(MetricNames.UnschedulablePodsMax, ledger.MaxUnschedulablePods),
            new(MetricNames.UnschedulablePodsFinal, ledger.UnschedulablePods),
            new(MetricNames.SchedulingLatencyMean, scheduling.MeanSeconds()),
            new(MetricNames.SchedulingLatencyP50, scheduling.PercentileSeconds(50)),
            new(MetricNames.SchedulingLatencyP90, scheduling.PercentileSeconds(90)),
            new(MetricNames.SchedulingLatencyP99, scheduling.PercentileSeconds(99)),
            new(MetricNames.StartupLatencyMean, startup.MeanSeconds()),
            new(MetricNames.StartupLatencyP50, startup.PercentileSeconds(50)),
            new(MetricNames.StartupLatencyP90, startup.PercentileSeconds(90)),
            new(MetricNames.StartupLatencyP99, startup.PercentileSeconds(99)),
            new(MetricNames.PodsCreated, ledger.Created),
            new(MetricNames.PodsScheduled, ledger.Scheduled),
            new(MetricNames.PodsSucceeded, ledger.Succeeded),
            new(MetricNames.PodsFailed, ledger.Failed),
            new(MetricNames.PodsPreempted, ledger.Preempted),
            new(MetricNames.SchedulingThroughput, elapsed > 0 ? ledger.Scheduled / elapsed : 0),
            new(MetricNames.SimulatedDuration, elapsed),
        ];
    }

    /// <summary>
    /// Each node's time-weighted utilization since the start (requests of its placed pods over its own
    /// allocatable, whatever its condition; 0 while it did not exist), as <c>cpu_utilization/NODE</c>,
    /// <c>memory_utilization/NODE</c>, <c>gpu_utilization/NODE</c>, nodes in name order; empty unless
    /// <see cref="MetricsOptions.PerNode"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">When not started.</exception>
    public IReadOnlyList<Metric> NodeFinal()
    {
        var ledger = Ledger();
        if (!Options.PerNode)
        {
            return [];
        }

        var now = _cluster.Simulation.Now;
        var elapsed = ledger.ElapsedSeconds(now);
        ledger.AdvanceNodes(now);
        var result = new List<Metric>(3 * ledger.Nodes.Count);
        foreach (var node in SortedNodes(ledger))
        {
            var (cpu, memory, gpu) = node.Integrals;
            var names = NamesOf(node);
            var current = (Cpu: NodeAccount.Ratio(node.Used.Cpu, node.Allocatable.Cpu), Memory: NodeAccount.Ratio(node.Used.Memory, node.Allocatable.Memory), Gpu: NodeAccount.Ratio(node.Used.Gpu, node.Allocatable.Gpu));
            result.Add(new(names.Cpu, elapsed > 0 ? cpu / elapsed : current.Cpu));
            result.Add(new(names.Memory, elapsed > 0 ? memory / elapsed : current.Memory));
            result.Add(new(names.Gpu, elapsed > 0 ? gpu / elapsed : current.Gpu));
        }

        return result;
    }

    private static (string Cpu, string Memory, string Gpu) NamesOf(NodeAccount node) =>
        node.SeriesNames ??= (
            MetricNames.CpuUtilization + "/" + node.Name,
            MetricNames.MemoryUtilization + "/" + node.Name,
            MetricNames.GpuUtilization + "/" + node.Name);

    private ClusterLedger Ledger() =>
        _ledger ?? throw new InvalidOperationException("The collector is not started; call Start first.");

    private double OverSamples(double sum) => _samples > 0 ? sum / _samples : double.NaN;

    private void OnWrite(ApiWrite write)
    {
        switch (write.Item)
        {
            case Pod:
                _ledger!.OnPod(write.Before as Pod, write.After as Pod, _cluster.Simulation.Now);
                break;
            case Node:
                _ledger!.OnNode(write.Before as Node, write.After as Node, _cluster.Simulation.Now);
                break;
            default:
                break;
        }
    }

    private void Tick()
    {
        Take();
        _cluster.Simulation.ScheduleAfter(Options.SampleInterval, TickHandler, this);
    }

    /// <summary>Appends one sample of every series metric at the current time; O(nodes).</summary>
    private void Take()
    {
        var ledger = _ledger!;
        var time = (double)_cluster.Simulation.Now.Ticks / SimTime.TicksPerSecond;
        var gauges = ledger.Current();
        var (cpuStddev, cpuRange, memoryStddev, memoryRange) = ledger.Imbalance();
        var gpuFragmented = ledger.GpuFragmentedFraction();
        _samples++;
        _cpuStddevSum += cpuStddev;
        _cpuRangeSum += cpuRange;
        _memoryStddevSum += memoryStddev;
        _memoryRangeSum += memoryRange;
        _gpuFragmentedSum += gpuFragmented;

        Add(MetricNames.CpuUtilization, gauges.CpuUtilization);
        Add(MetricNames.MemoryUtilization, gauges.MemoryUtilization);
        Add(MetricNames.GpuUtilization, gauges.GpuUtilization);
        Add(MetricNames.CpuStrandedFraction, gauges.CpuStranded);
        Add(MetricNames.MemoryStrandedFraction, gauges.MemoryStranded);
        Add(MetricNames.GpuFragmentedFraction, gpuFragmented);
        Add(MetricNames.CpuImbalanceStddev, cpuStddev);
        Add(MetricNames.CpuImbalanceRange, cpuRange);
        Add(MetricNames.MemoryImbalanceStddev, memoryStddev);
        Add(MetricNames.MemoryImbalanceRange, memoryRange);
        Add(MetricNames.NodesInUse, gauges.NodesInUse);
        Add(MetricNames.NodesLowerBound, gauges.NodesLowerBound);
        Add(MetricNames.PendingPods, gauges.PendingPods);
        Add(MetricNames.UnschedulablePods, gauges.UnschedulablePods);
        Add(MetricNames.BoundPods, ledger.BoundPods);
        Add(MetricNames.PodsScheduled, ledger.Scheduled);
        Add(MetricNames.PodsPreempted, ledger.Preempted);
        if (Options.PerNode)
        {
            foreach (var node in SortedNodes(ledger))
            {
                var names = NamesOf(node);
                Add(names.Cpu, NodeAccount.Ratio(node.Used.Cpu, node.Allocatable.Cpu));
                Add(names.Memory, NodeAccount.Ratio(node.Used.Memory, node.Allocatable.Memory));
                Add(names.Gpu, NodeAccount.Ratio(node.Used.Gpu, node.Allocatable.Gpu));
            }
        }

        void Add(string metric, double value) => _series.Add(new Sample(time, metric, value));
    }

    /// <summary>The ledger's nodes in name order (ordinal), re-sorted only when a node was added.</summary>
    private List<NodeAccount> SortedNodes(ClusterLedger ledger)
    {
        if (_sortedNodes.Count != ledger.Nodes.Count)
        {
            _sortedNodes.Clear();
            _sortedNodes.AddRange(ledger.Nodes);
            _sortedNodes.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        return _sortedNodes;
    }
}
