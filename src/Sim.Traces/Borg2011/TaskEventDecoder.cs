using Sim.Traces.Csv;

namespace Sim.Traces.Borg2011;

/// <summary>Decodes task_events rows (headerless, the 13 columns of the 2011 schema).</summary>
internal readonly struct TaskEventDecoder : ITraceDecoder<TaskEvent>
{
    /// <summary>The largest time below the "after the trace" marker that a <see cref="TimeSpan"/> holds.</summary>
    private const long MaxMicroseconds = long.MaxValue / TimeSpan.TicksPerMicrosecond;

    private const int Time = 0;
    private const int Missing = 1;
    private const int JobId = 2;
    private const int TaskIndex = 3;
    private const int MachineId = 4;
    private const int EventType = 5;
    private const int User = 6;
    private const int SchedulingClass = 7;
    private const int Priority = 8;
    private const int Cpu = 9;
    private const int Memory = 10;
    private const int Disk = 11;
    private const int DifferentMachines = 12;

    public static TraceSchema Schema { get; } = new(
        "a Google 2011 task_events file",
        [
            "time", "missing info", "job ID", "task index", "machine ID", "event type", "user", "scheduling class",
            "priority", "CPU request", "memory request", "disk space request", "different machines restriction",
        ],
        TraceHeader.None,
        RequiredCount: 13);

    private static EnumSpellings<MissingInfo> MissingKinds { get; } = new(
        ("0", MissingInfo.SnapshotButNoTransition),
        ("1", MissingInfo.NoSnapshotOrTransition),
        ("2", MissingInfo.ExistsButNoCreation));

    private static EnumSpellings<TaskEventType> Types { get; } = new(
        ("0", TaskEventType.Submit),
        ("1", TaskEventType.Schedule),
        ("2", TaskEventType.Evict),
        ("3", TaskEventType.Fail),
        ("4", TaskEventType.Finish),
        ("5", TaskEventType.Kill),
        ("6", TaskEventType.Lost),
        ("7", TaskEventType.UpdatePending),
        ("8", TaskEventType.UpdateRunning));

    private static EnumSpellings<BooleanValue> Booleans { get; } = new(("0", BooleanValue.False), ("1", BooleanValue.True));

    private enum BooleanValue
    {
        False,
        True,
    }

    public static TaskEvent Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var time = RowFields.Int64(ref row, Time, 0, long.MaxValue, "microseconds; 0 before the trace, 9223372036854775807 after it");
        if (time > MaxMicroseconds && time != TaskEvent.AfterTrace)
        {
            throw RowFields.Error(ref row, Time, $"expected microseconds up to {MaxMicroseconds} or exactly {TaskEvent.AfterTrace} (after the trace), got {time}");
        }

        return new TaskEvent(
            time,
            RowFields.OptionalEnum(ref row, Missing, MissingKinds, "a missing-info code"),
            RowFields.Int64(ref row, JobId, 0, long.MaxValue, "job ID"),
            RowFields.Int64(ref row, TaskIndex, 0, long.MaxValue, "task index"),
            RowFields.OptionalInt64(ref row, MachineId, 0, long.MaxValue, "machine ID"),
            RowFields.Enum(ref row, EventType, Types, "an event type"),
            RowFields.OptionalName(ref row, User, "a user hash"),
            (int?)RowFields.OptionalInt64(ref row, SchedulingClass, 0, 3, "scheduling class"),
            (int)RowFields.Int64(ref row, Priority, 0, 11, "priority"),
            RowFields.OptionalDouble(ref row, Cpu, 0, double.PositiveInfinity, "normalized CPU request"),
            RowFields.OptionalDouble(ref row, Memory, 0, double.PositiveInfinity, "normalized memory request"),
            RowFields.OptionalDouble(ref row, Disk, 0, double.PositiveInfinity, "normalized disk space request"),
            RowFields.OptionalEnum(ref row, DifferentMachines, Booleans, "a boolean") switch
            {
                null => null,
                var value => value == BooleanValue.True,
            });
    }
}
