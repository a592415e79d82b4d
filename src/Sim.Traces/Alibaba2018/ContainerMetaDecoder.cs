using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2018;

/// <summary>Decodes <c>container_meta.csv</c> rows (headerless, the column order of the published schema.md).</summary>
internal readonly struct ContainerMetaDecoder : ITraceDecoder<ContainerMeta>
{
    private const int ContainerId = 0;
    private const int MachineId = 1;
    private const int Time = 2;
    private const int DeployUnit = 3;
    private const int Status = 4;
    private const int CpuRequest = 5;
    private const int CpuLimit = 6;
    private const int Memory = 7;

    public static TraceSchema Schema { get; } = new(
        "an Alibaba 2018 container_meta.csv",
        ["container_id", "machine_id", "time_stamp", "app_du", "status", "cpu_request", "cpu_limit", "mem_size"],
        TraceHeader.None,
        RequiredCount: 8);

    public static ContainerMeta Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct => new(
            RowFields.Name(ref row, ContainerId, "a container id"),
            RowFields.Name(ref row, MachineId, "a machine id"),
            TraceTime.Seconds(ref row, Time, 0),
            RowFields.Name(ref row, DeployUnit, "a deploy unit"),
            RowFields.Name(ref row, Status, "a container status"),
            RowFields.Int64(ref row, CpuRequest, 0, long.MaxValue / 10, "CPU request, 100 = one core"),
            RowFields.Int64(ref row, CpuLimit, 0, long.MaxValue / 10, "CPU limit, 100 = one core"),
            NormalizedField.Read(ref row, Memory, "normalized memory"));
}
