using Sim.Cluster.Resources;

namespace Sim.Metrics;

/// <summary>The three resources the metrics follow, as integers: milli-CPU, bytes of memory, whole GPUs (<c>nvidia.com/gpu</c>).</summary>
internal readonly record struct Amounts(long Cpu, long Memory, long Gpu)
{
    /// <summary>None of any.</summary>
    public static Amounts Zero => default;

    /// <summary>The amounts of <paramref name="list"/>.</summary>
    public static Amounts Of(ResourceList list) => new(list.MilliCpu, list.Memory, list[ResourceNames.NvidiaGpu]);

    public static Amounts operator +(Amounts a, Amounts b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory, a.Gpu + b.Gpu);

    public static Amounts operator -(Amounts a, Amounts b) => new(a.Cpu - b.Cpu, a.Memory - b.Memory, a.Gpu - b.Gpu);
}
