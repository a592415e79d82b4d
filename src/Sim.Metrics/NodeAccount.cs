using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;

namespace Sim.Metrics;

/// <summary>
/// What the metrics know of one node: its allocatable amounts, whether it counts towards the
/// cluster's capacity, and the requests of the pods placed on it, kept up to date write by write;
/// and, for its GPU fragmentation, the node object and its GPU pods, whose per-device state is
/// derived only when asked for and only after they changed.
/// </summary>
internal sealed class NodeAccount(string name, long sinceTicks)
{
    private long _lastTicks = sinceTicks;
    private double _cpuSeconds;
    private double _memorySeconds;
    private double _gpuSeconds;
    private List<PodAccount>? _gpuPods;
    private long _gpuChanges;
    private GpuNodeState? _gpuState;
    private long _gpuStateOf = -1;
    private (long Changes, long CpuLeft, long Workload, double Value) _fragmentation = (-1, 0, -1, 0);

    public string Name { get; } = name;

    /// <summary>True while the node object exists (a deleted node may still have pods bound to it).</summary>
    public bool Present { get; set; }

    /// <summary>True while the node is Ready and not cordoned: its allocatable is the cluster's capacity.</summary>
    public bool Counted { get; set; }

    public Amounts Allocatable { get; set; }

    /// <summary>The latest node object; null until the node was seen.</summary>
    public Node? Object { get; set; }

    /// <summary>The summed requests of the pods placed on the node.</summary>
    public Amounts Used { get; set; }

    /// <summary>How many pods are placed on the node.</summary>
    public int Pods { get; set; }

    /// <summary>The stranded amounts the node added to the cluster's sums when it was last attached.</summary>
    public Amounts Stranded { get; set; }

    /// <summary>The per-node series names, made once when first asked for.</summary>
    public (string Cpu, string Memory, string Gpu)? SeriesNames { get; set; }

    public Amounts Free => Allocatable - Used;

    /// <summary>Used over allocatable of one resource; 0 where the node has none of it.</summary>
    public static double Ratio(long used, long allocatable) => allocatable > 0 ? (double)used / allocatable : 0;

    /// <summary>
    /// The node's stranded amounts under threshold θ: all its free CPU when its free memory is below
    /// θ × allocatable memory, all its free memory when its free CPU is below θ × allocatable CPU.
    /// </summary>
    public Amounts StrandedUnder(double threshold)
    {
        var free = Free;
        var cpu = free.Memory < threshold * Allocatable.Memory ? Math.Max(free.Cpu, 0) : 0;
        var memory = free.Cpu < threshold * Allocatable.Cpu ? Math.Max(free.Memory, 0) : 0;
        return new Amounts(cpu, memory, 0);
    }

    /// <summary>A GPU pod was placed on the node.</summary>
    public void AddGpuPod(PodAccount pod)
    {
        (_gpuPods ??= []).Add(pod);
        _gpuChanges++;
    }

    /// <summary>A GPU pod left the node.</summary>
    public void RemoveGpuPod(PodAccount pod)
    {
        _gpuPods?.Remove(pod);
        _gpuChanges++;
    }

    /// <summary>What the device state depends on changed otherwise: a GPU pod's annotations, the node's model or devices.</summary>
    public void GpuChanged() => _gpuChanges++;

    /// <summary>
    /// F_n(M) of the node (<see cref="Fragmentation"/>) for <paramref name="workload"/> (version
    /// <paramref name="workloadVersion"/>): its CPU left from the placed pods' requests, its devices' free
    /// milli-GPU as <see cref="GpuNodeState"/> derives them from its GPU pods. Recomputed only when one of
    /// those or the workload changed. 0 before the node object was seen.
    /// </summary>
    public double GpuFragmentation(FragmentationWorkload workload, long workloadVersion)
    {
        if (Object is null)
        {
            return 0;
        }

        if (_gpuState is null || _gpuStateOf != _gpuChanges)
        {
            var pods = new List<Pod>(_gpuPods?.Count ?? 0);
            foreach (var account in _gpuPods ?? [])
            {
                pods.Add(PodGpu.DeviceView(account.GpuPod!, account.Gpu));
            }

            _gpuState = GpuNodeState.Of(new NodeInfo(Object, pods));
            _gpuStateOf = _gpuChanges;
        }

        var cpuLeft = Allocatable.Cpu - Used.Cpu;
        if (_fragmentation.Changes != _gpuChanges || _fragmentation.CpuLeft != cpuLeft || _fragmentation.Workload != workloadVersion)
        {
            var value = workload.OfNode(cpuLeft, _gpuState.FreeMilli, _gpuState.Model);
            _fragmentation = (_gpuChanges, cpuLeft, workloadVersion, value);
        }

        return _fragmentation.Value;
    }

    /// <summary>Adds the node's own utilization since the last call to its integrals (call before changing it).</summary>
    public void Advance(long nowTicks)
    {
        if (nowTicks <= _lastTicks)
        {
            return;
        }

        var seconds = (double)(nowTicks - _lastTicks) / SimTime.TicksPerSecond;
        _lastTicks = nowTicks;
        _cpuSeconds += Ratio(Used.Cpu, Allocatable.Cpu) * seconds;
        _memorySeconds += Ratio(Used.Memory, Allocatable.Memory) * seconds;
        _gpuSeconds += Ratio(Used.Gpu, Allocatable.Gpu) * seconds;
    }

    /// <summary>The node's utilization integrals (utilization × seconds) up to the last <see cref="Advance"/>.</summary>
    public (double Cpu, double Memory, double Gpu) Integrals => (_cpuSeconds, _memorySeconds, _gpuSeconds);
}
