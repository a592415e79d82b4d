using Sim.Cluster.Api;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling.Gpu;

namespace Sim.Metrics;

/// <summary>
/// The cluster as the metrics see it, kept up to date write by write: per-node requests of placed
/// pods, the cluster-wide sums over counted nodes, the pending and unschedulable pods, the demand
/// behind the lower bound, the counters and latencies, the time integrals of the gauges, and the
/// shapes of the pods created (the typical pods M of the GPU fragmentation).
/// </summary>
/// <remarks>
/// A pod write costs O(1) (a dictionary lookup and a few sums); a node write that changes the node's
/// allocatable or whether it counts costs O(log n) for the largest-allocatable sets. The GPU
/// fragmentation is computed only when asked for (at samples), for counted GPU nodes only, each node's
/// device state derived again only after its GPU pods changed. Definitions are in docs/metrics.md.
/// </remarks>
internal sealed partial class ClusterLedger
{
    /// <summary>The status reason the scheduler writes on a pod it found no node for (upstream: PodScheduled=False, reason Unschedulable).</summary>
    public const string UnschedulableReason = "Unschedulable";

    private readonly double _strandingThreshold;
    private readonly bool _perNode;
    private readonly long _startTicks;
    private readonly Dictionary<long, PodAccount> _pods = [];
    private readonly Dictionary<string, NodeAccount> _nodesByName = new(StringComparer.Ordinal);
    private readonly List<NodeAccount> _nodes = [];
    private readonly LargestValue _largestCpu = new();
    private readonly LargestValue _largestMemory = new();
    private readonly LargestValue _largestGpu = new();
    private readonly TypicalPodCounter _shapes = new();
    private FragmentationWorkload _workload = FragmentationWorkload.Empty;
    private long _workloadVersion = -1;
    private Amounts _capacity;
    private Amounts _used;
    private Amounts _stranded;
    private Amounts _demand;
    private long _lastTicks;
    private Gauges _integral;

    public ClusterLedger(SimTime start, double strandingThreshold, bool perNode)
    {
        _startTicks = _lastTicks = start.Ticks;
        _strandingThreshold = strandingThreshold;
        _perNode = perNode;
    }

    /// <summary>Every node seen, in the order first seen (deterministic: the order of the writes).</summary>
    public IReadOnlyList<NodeAccount> Nodes => _nodes;

    public int NodesInUse { get; private set; }

    public int MaxNodesInUse { get; private set; }

    public int PendingPods { get; private set; }

    public int MaxPendingPods { get; private set; }

    public int UnschedulablePods { get; private set; }

    public int MaxUnschedulablePods { get; private set; }

    /// <summary>Pods placed on a node: bound, not terminal, not yet removed.</summary>
    public int BoundPods { get; private set; }

    public long Created { get; private set; }

    public long Scheduled { get; private set; }

    public long Succeeded { get; private set; }

    public long Failed { get; private set; }

    public long Preempted { get; private set; }

    public LatencyRecorder SchedulingLatency { get; } = new();

    public LatencyRecorder StartupLatency { get; } = new();

    /// <summary>Takes in an object that existed before the metrics started: its state counts, its past does not.</summary>
    public void Seed(ApiObject obj, SimTime now)
    {
        switch (obj)
        {
            case Node node:
                OnNode(null, node, now);
                break;
            case Pod pod:
                var account = Account(pod);
                _shapes.Add(PodGpu.ShapeOf(pod));
                account.RunningSeen = pod.Status.Phase != PodPhase.Pending;
                Place(account, pod);
                break;
            default:
                break;
        }
    }

    /// <summary>A node was created, updated or deleted at <paramref name="now"/>.</summary>
    public void OnNode(Node? before, Node? after, SimTime now)
    {
        Advance(now);
        var node = NodeNamed((after ?? before)!.Metadata.Name);
        var present = after is not null;
        var counted = after is { Status.Ready: NodeConditionStatus.True, Spec.Unschedulable: false };
        var allocatable = after is null ? node.Allocatable : Amounts.OfNode(after.Status.Allocatable);
        if (after is not null)
        {
            if (node.Object is null || GpuNode.DeviceCount(node.Object) != GpuNode.DeviceCount(after)
                || !string.Equals(GpuNode.Model(node.Object), GpuNode.Model(after), StringComparison.Ordinal))
            {
                node.GpuChanged();
            }

            node.Object = after;
        }

        if (present == node.Present && counted == node.Counted && allocatable == node.Allocatable)
        {
            return;
        }

        if (_perNode)
        {
            node.Advance(_lastTicks);
        }

        Detach(node);
        if (node.Counted)
        {
            _largestCpu.Remove(node.Allocatable.Cpu);
            _largestMemory.Remove(node.Allocatable.Memory);
            _largestGpu.Remove(node.Allocatable.Gpu);
        }

        node.Present = present;
        node.Counted = counted;
        node.Allocatable = allocatable;
        if (node.Counted)
        {
            _largestCpu.Add(node.Allocatable.Cpu);
            _largestMemory.Add(node.Allocatable.Memory);
            _largestGpu.Add(node.Allocatable.Gpu);
        }

        Attach(node);
    }

    /// <summary>A pod was created, updated or deleted at <paramref name="now"/>.</summary>
    public void OnPod(Pod? before, Pod? after, SimTime now)
    {
        Advance(now);
        if (after is null && !_pods.ContainsKey(before!.Metadata.Uid))
        {
            return;
        }

        var account = Account((after ?? before)!);
        Count(before, after, account, now);
        Place(account, after);
        if (after is null)
        {
            _pods.Remove(before!.Metadata.Uid);
        }
    }

    /// <summary>The gauges' values now.</summary>
    public Gauges Current() => new(
        NodeAccount.Ratio(_used.Cpu, _capacity.Cpu),
        NodeAccount.Ratio(_used.Memory, _capacity.Memory),
        NodeAccount.Ratio(_used.Gpu, _capacity.Gpu),
        NodesInUse,
        NodesLowerBound(),
        PendingPods,
        UnschedulablePods,
        NodeAccount.Ratio(_stranded.Cpu, _capacity.Cpu),
        NodeAccount.Ratio(_stranded.Memory, _capacity.Memory));

    /// <summary>
    /// The gauges' time-weighted means from the start to <paramref name="now"/>: their integrals over
    /// simulated time divided by the time elapsed (the current values when no time has elapsed).
    /// </summary>
    public Gauges Mean(SimTime now)
    {
        Advance(now);
        var elapsed = ElapsedSeconds(now);
        return elapsed > 0 ? _integral * (1 / elapsed) : Current();
    }

    /// <summary>
    /// The GPU fragmentation now: Σ F_n(M) over the counted nodes with GPUs (<see cref="NodeAccount.GpuFragmentation"/>),
    /// M the typical pods of the pods created so far, over the counted GPU capacity in milli-GPU; 0 without it.
    /// </summary>
    public double GpuFragmentedFraction()
    {
        if (_capacity.Gpu <= 0)
        {
            return 0;
        }

        var typical = _shapes.Workload;
        if (_workloadVersion != _shapes.Version)
        {
            _workload = new FragmentationWorkload(typical.AsSpan());
            _workloadVersion = _shapes.Version;
        }

        double sum = 0;
        foreach (var node in _nodes)
        {
            if (node.Counted && node.Allocatable.Gpu > 0)
            {
                sum += node.GpuFragmentation(_workload, _workloadVersion);
            }
        }

        return sum / _capacity.Gpu;
    }

    public double ElapsedSeconds(SimTime now) => (double)(now.Ticks - _startTicks) / SimTime.TicksPerSecond;

    /// <summary>
    /// The spread of per-node CPU and memory utilization over the counted nodes with some of that
    /// resource: population standard deviation and max − min (0 with no such node).
    /// </summary>
    public (double CpuStddev, double CpuRange, double MemoryStddev, double MemoryRange) Imbalance()
    {
        var cpu = Spread(static n => NodeAccount.Ratio(n.Used.Cpu, n.Allocatable.Cpu), static n => n.Allocatable.Cpu);
        var memory = Spread(static n => NodeAccount.Ratio(n.Used.Memory, n.Allocatable.Memory), static n => n.Allocatable.Memory);
        return (cpu.Stddev, cpu.Range, memory.Stddev, memory.Range);
    }

    /// <summary>Brings every node's own utilization integrals up to <paramref name="now"/>.</summary>
    public void AdvanceNodes(SimTime now)
    {
        foreach (var node in _nodes)
        {
            node.Advance(now.Ticks);
        }
    }

    private (double Stddev, double Range) Spread(Func<NodeAccount, double> utilization, Func<NodeAccount, long> allocatable)
    {
        var count = 0;
        var sum = 0.0;
        var min = double.MaxValue;
        var max = double.MinValue;
        foreach (var node in _nodes)
        {
            if (node.Counted && allocatable(node) > 0)
            {
                var u = utilization(node);
                count++;
                sum += u;
                min = Math.Min(min, u);
                max = Math.Max(max, u);
            }
        }

        if (count == 0)
        {
            return (0, 0);
        }

        var mean = sum / count;
        var squares = 0.0;
        foreach (var node in _nodes)
        {
            if (node.Counted && allocatable(node) > 0)
            {
                var d = utilization(node) - mean;
                squares += d * d;
            }
        }

        return (Math.Sqrt(squares / count), max - min);
    }

    private long NodesLowerBound() => Math.Max(
        NodesFor(_demand.Cpu, _largestCpu.Max),
        Math.Max(NodesFor(_demand.Memory, _largestMemory.Max), NodesFor(_demand.Gpu, _largestGpu.Max)));

    /// <summary>⌈demand / largest⌉: how many of the largest nodes the demand needs at least; 0 without such a node.</summary>
    private static long NodesFor(long demand, long largest) => demand > 0 && largest > 0 ? ((demand - 1) / largest) + 1 : 0;

    private void Advance(SimTime now)
    {
        var ticks = now.Ticks;
        if (ticks <= _lastTicks)
        {
            return;
        }

        _integral += Current() * ((double)(ticks - _lastTicks) / SimTime.TicksPerSecond);
        _lastTicks = ticks;
    }

    private PodAccount Account(Pod pod)
    {
        var uid = pod.Metadata.Uid;
        if (!_pods.TryGetValue(uid, out var account))
        {
            account = new PodAccount(pod.Metadata.CreatedAt);
            _pods.Add(uid, account);
        }

        return account;
    }

    private NodeAccount NodeNamed(string name)
    {
        if (!_nodesByName.TryGetValue(name, out var node))
        {
            node = new NodeAccount(name, _lastTicks);
            _nodesByName.Add(name, node);
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>Takes the node's share out of the cluster-wide sums (before it changes).</summary>
    private void Detach(NodeAccount node)
    {
        if (node.Counted)
        {
            _capacity -= node.Allocatable;
            _used -= node.Used;
            _stranded -= node.Stranded;
        }
    }

    /// <summary>Puts the node's share (after it changed) into the cluster-wide sums.</summary>
    private void Attach(NodeAccount node)
    {
        if (node.Counted)
        {
            node.Stranded = node.StrandedUnder(_strandingThreshold);
            _capacity += node.Allocatable;
            _used += node.Used;
            _stranded += node.Stranded;
        }
    }
}
