using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// What the resource score strategies share (upstream's <c>resourceAllocationScorer</c>): for each
/// configured resource, the node's allocatable amount and what would be requested with the pod on it;
/// a strategy turns the two lists into a score. Resources a node does not have (allocatable 0) and
/// scalar resources the pod does not request are left out.
/// </summary>
/// <remarks>
/// Scoring allocates nothing: the per-resource lists live on the stack, the pod's requests are
/// computed once per cycle (<see cref="CalculatePodResourceRequestList(PodInfo)"/>).
/// </remarks>
internal abstract class ResourceAllocationScorer
{
    private const int MaxStackResources = 8;

    private readonly string[] _names;
    private readonly Kind[] _kinds;
    private readonly long[] _weights;
    private readonly bool _cpuThenMemory;
    private readonly bool _useRequested;
    private readonly NodeScoreMemo _memo;

    /// <param name="resources">The resources, in order.</param>
    /// <param name="useRequested">
    /// Use the real cpu and memory requests (BalancedAllocation) instead of the scoring defaults for
    /// containers that request none (100m cpu, 200 MiB memory) and the node's non-zero totals.
    /// </param>
    protected ResourceAllocationScorer(IReadOnlyList<ResourceSpec> resources, bool useRequested)
    {
        _names = [.. resources.Select(r => r.Name)];
        _weights = [.. resources.Select(r => r.Weight)];
        _kinds = [.. resources.Select(r => KindOf(r.Name))];
        _useRequested = useRequested;

        // BalancedAllocation is the scorer with the real requests; NodeResourcesFit's strategies use the defaults.
        _memo = new NodeScoreMemo(useRequested ? NodeScoreMemo.BalancedAllocationCell : NodeScoreMemo.NodeResourcesFitCell);
        _cpuThenMemory = _kinds is [Kind.Cpu, Kind.Memory];
    }

    private enum Kind : byte
    {
        Cpu,
        Memory,
        EphemeralStorage,
        Scalar,
        Other,
    }

    /// <summary>The number of configured resources.</summary>
    public int Count => _names.Length;

    /// <summary>The pod's request of each configured resource, in order (upstream's <c>calculatePodResourceRequestList</c>).</summary>
    public long[] CalculatePodResourceRequestList(PodInfo pod)
    {
        var requests = new long[_names.Length];
        CalculatePodResourceRequestList(pod, requests);
        return requests;
    }

    /// <summary><see cref="CalculatePodResourceRequestList(PodInfo)"/> into <paramref name="requests"/> (of <see cref="Count"/> entries).</summary>
    public void CalculatePodResourceRequestList(PodInfo pod, Span<long> requests)
    {
        ArgumentNullException.ThrowIfNull(pod);
        for (var i = 0; i < _names.Length; i++)
        {
            requests[i] = CalculatePodResourceRequest(pod, _kinds[i], _names[i]);
        }
    }

    /// <summary>The pod's request of <paramref name="name"/>, as this scorer counts it (cpu in milli-cores).</summary>
    public long CalculatePodResourceRequest(PodInfo pod, string name)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return CalculatePodResourceRequest(pod, KindOf(name), name);
    }

    /// <summary>True when the pod requests none of the configured resources (upstream's <c>isBestEffortPod</c>).</summary>
    public static bool IsBestEffortPod(long[] podRequests)
    {
        foreach (var request in podRequests)
        {
            if (request != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The node's score for a pod with <paramref name="podRequests"/> (from <see cref="CalculatePodResourceRequestList(PodInfo)"/>).</summary>
    public long Score(NodeInfo node, long[] podRequests)
    {
        var count = _names.Length;
        if (count == 0)
        {
            return 0;
        }

        if (_cpuThenMemory)
        {
            // The default resources (cpu, memory): the same arithmetic without the per-resource dispatch,
            // from the node's own copies of its totals.
            Span<long> req = stackalloc long[2];
            Span<long> alloc = stackalloc long[2];
            var (cpu, memory) = (node.AllocatableMilliCpu, node.AllocatableMemory);
            var (usedCpu, usedMemory) = UsedCpuMemory(node);
            if (cpu != 0)
            {
                alloc[0] = cpu;
                req[0] = usedCpu + podRequests[0];
            }

            if (memory != 0)
            {
                alloc[1] = memory;
                req[1] = usedMemory + podRequests[1];
            }

            return Score(req, alloc);
        }

        // Fixed-size stack buffers: the JIT zeroes them inline (a variable size calls a zeroing helper per node).
        Span<long> requested = count <= MaxStackResources ? stackalloc long[MaxStackResources] : new long[count];
        Span<long> allocatable = count <= MaxStackResources ? stackalloc long[MaxStackResources] : new long[count];
        requested = requested[..count];
        allocatable = allocatable[..count];
        for (var i = 0; i < count; i++)
        {
            var (alloc, req) = CalculateResourceAllocatableRequest(node, _kinds[i], _names[i], podRequests[i]);
            if (alloc == 0)
            {
                continue;
            }

            allocatable[i] = alloc;
            requested[i] = req;
        }

        return Score(requested, allocatable);
    }

    /// <summary><see cref="Score(NodeInfo, long[])"/> of each of <paramref name="nodes"/> into <paramref name="scores"/>.</summary>
    /// <remarks>
    /// A node's score depends only on the pod's requests and the node's own totals, so the scores are
    /// remembered per node (<see cref="NodeScoreMemo"/>): while consecutive pods request the same, a node
    /// that did not change since it was last scored costs a lookup.
    /// </remarks>
    public void ScoreNodes(ReadOnlySpan<NodeInfo> nodes, long[] podRequests, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(podRequests);
        if (_memo.Begin(podRequests))
        {
            foreach (var i in _memo.Recall(nodes, scores))
            {
                var score = Score(nodes[i], podRequests);
                _memo.Set(nodes[i], score);
                scores[i] = score;
            }

            return;
        }

        if (!_cpuThenMemory || !ScoreCpuMemory(nodes, podRequests[0], podRequests[1], scores))
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                scores[i] = Score(nodes[i], podRequests);
            }
        }

        _memo.SetAll(nodes, scores);
    }

    /// <summary>
    /// The node's allocatable amount of <paramref name="name"/> and what would be requested with a pod
    /// requesting <paramref name="podRequest"/> of it; (0, 0) leaves the resource out of the score.
    /// </summary>
    public (long Allocatable, long Requested) CalculateResourceAllocatableRequest(NodeInfo node, string name, long podRequest)
    {
        ArgumentNullException.ThrowIfNull(node);
        return CalculateResourceAllocatableRequest(node, KindOf(name), name, podRequest);
    }

    /// <summary>The strategy: a score from the requested and allocatable amounts (a resource with allocatable 0 is to be skipped).</summary>
    protected abstract long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable);

    /// <summary>
    /// For the default resources (cpu then memory), the scores of <paramref name="nodes"/> with the same
    /// arithmetic as <see cref="Score(NodeInfo, long[])"/> but without per-node spans; false when the
    /// scorer has no such path (the caller then scores node by node).
    /// </summary>
    protected virtual bool ScoreCpuMemory(ReadOnlySpan<NodeInfo> nodes, long podCpu, long podMemory, Span<long> scores) => false;

    /// <summary>Requested cpu and memory of <paramref name="node"/>: real requests, or with the scoring defaults.</summary>
    protected (long Cpu, long Memory) UsedCpuMemory(NodeInfo node) =>
        _useRequested ? (node.RequestedMilliCpu, node.RequestedMemory) : (node.NonZeroRequestedMilliCpu, node.NonZeroRequestedMemory);

    /// <summary>The weight of resource <paramref name="index"/>.</summary>
    protected long Weight(int index) => _weights[index];

    private static Kind KindOf(string name) => name switch
    {
        ResourceNames.Cpu => Kind.Cpu,
        ResourceNames.Memory => Kind.Memory,
        ResourceNames.EphemeralStorage => Kind.EphemeralStorage,
        _ => SchedulerResourceNames.IsScalarResourceName(name) ? Kind.Scalar : Kind.Other,
    };

    private long CalculatePodResourceRequest(PodInfo pod, Kind kind, string name) => kind switch
    {
        Kind.Cpu => _useRequested ? pod.Requests.MilliCpu : pod.NonZeroMilliCpu,
        Kind.Memory => _useRequested ? pod.Requests.Memory : pod.NonZeroMemory,
        _ => pod.Requests[name],
    };

    // Upstream's calculateResourceAllocatableRequest: (allocatable, requested with the pod), or (0, 0) to leave the resource out.
    private (long Allocatable, long Requested) CalculateResourceAllocatableRequest(NodeInfo node, Kind kind, string name, long podRequest)
    {
        if (podRequest == 0 && kind == Kind.Scalar)
        {
            return (0, 0);
        }

        switch (kind)
        {
            case Kind.Cpu:
                return (node.AllocatableMilliCpu, UsedCpuMemory(node).Cpu + podRequest);
            case Kind.Memory:
                return (node.AllocatableMemory, UsedCpuMemory(node).Memory + podRequest);
            case Kind.EphemeralStorage:
                return (node.AllocatableEphemeralStorage, node.RequestedEphemeralStorage + podRequest);
            case Kind.Scalar:
                if (node.Allocatable.Scalars is { } scalars && scalars.TryGetValue(name, out var alloc))
                {
                    return (alloc, ResourceFit.Scalar(node.Requested, name) + podRequest);
                }

                return (0, 0);
            default:
                return (0, 0);
        }
    }
}
