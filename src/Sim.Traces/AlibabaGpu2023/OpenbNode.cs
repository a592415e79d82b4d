namespace Sim.Traces.AlibabaGpu2023;

/// <summary>One node of an Alibaba GPU 2023 ("openb") node list, <c>openb_node_list_*.csv</c>.</summary>
/// <param name="Name">The node name (<c>sn</c>, e.g. <c>openb-node-0000</c>).</param>
/// <param name="MilliCpu">CPU capacity in milli-cores (<c>cpu_milli</c>).</param>
/// <param name="MemoryMiB">Memory capacity in MiB (<c>memory_mib</c>); see <see cref="MemoryBytes"/>.</param>
/// <param name="GpuCount">Number of GPUs (<c>gpu</c>).</param>
/// <param name="GpuModel">The GPU model (<c>P100</c>, <c>T4</c>, <c>V100M16</c>, <c>V100M32</c>, <c>A10</c>, <c>G1</c>–<c>G3</c>); null for a node without GPUs.</param>
public sealed record OpenbNode(string Name, long MilliCpu, long MemoryMiB, int GpuCount, string? GpuModel)
{
    /// <summary>Memory capacity in bytes (MiB × 2^20).</summary>
    public long MemoryBytes => MemoryMiB * OpenbPod.BytesPerMiB;
}
