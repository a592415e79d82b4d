using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2017;

/// <summary>Decodes <c>server_event.csv</c> rows (headerless).</summary>
internal readonly struct ServerEventDecoder : ITraceDecoder<ServerEvent>
{
    private const int Time = 0;
    private const int MachineId = 1;
    private const int EventType = 2;
    private const int Detail = 3;
    private const int Cpus = 4;
    private const int Memory = 5;
    private const int Disk = 6;

    public static TraceSchema Schema { get; } = new(
        "an Alibaba 2017 server_event.csv",
        ["timestamp", "machine_id", "event_type", "event_detail", "cpus", "normalized_memory", "normalized_disk"],
        TraceHeader.None,
        RequiredCount: 7);

    private static EnumSpellings<ServerEventType> Types { get; } = new(
        ("add", ServerEventType.Add),
        ("softerror", ServerEventType.SoftError),
        ("harderror", ServerEventType.HardError),
        ("remove", ServerEventType.Remove));

    public static ServerEvent Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var time = TraceTime.Seconds(ref row, Time, -TraceTime.MaxSeconds);
        var machine = RowFields.Int64(ref row, MachineId, 0, long.MaxValue, "machine id");
        var type = RowFields.Enum(ref row, EventType, Types, "a machine event type");
        var detail = RowFields.OptionalName(ref row, Detail, "an event detail");
        var cpus = RowFields.OptionalInt64(ref row, Cpus, 0, int.MaxValue, "CPU cores");
        var memory = RowFields.OptionalDouble(ref row, Memory, 0, 1, "memory as a fraction of the largest machine's");
        var disk = RowFields.OptionalDouble(ref row, Disk, 0, 1, "disk as a fraction of the largest machine's");
        return new ServerEvent(time, machine, type, detail, (int?)cpus, memory, disk);
    }
}
