using Sim.Engine;

namespace Sim.Metrics;

/// <summary>
/// What the metrics know of one node: its allocatable amounts, whether it counts towards the
/// cluster's capacity, and the requests of the pods placed on it, kept up to date write by write.
/// </summary>
internal sealed class NodeAccount(string name, long sinceTicks)
{
    private long _lastTicks = sinceTicks;
    private double _cpuSeconds;
    private double _memorySeconds;
    private double _gpuSeconds;

    public string Name { get; } = name;

    /// <summary>True while the node object exists (a deleted node may still have pods bound to it).</summary>
    public bool Present { get; set; }

    /// <summary>True while the node is Ready and not cordoned: its allocatable is the cluster's capacity.</summary>
    public bool Counted { get; set; }

    public Amounts Allocatable { get; set; }

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
