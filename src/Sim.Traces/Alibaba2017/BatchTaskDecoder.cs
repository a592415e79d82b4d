using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2017;

/// <summary>Decodes <c>batch_task.csv</c> rows (headerless upstream; the re-hosted copy adds a header line).</summary>
internal readonly struct BatchTaskDecoder : ITraceDecoder<BatchTask>
{
    private const int CreateTime = 0;
    private const int EndTime = 1;
    private const int JobId = 2;
    private const int TaskId = 3;
    private const int Instances = 4;
    private const int Status = 5;
    private const int Cpu = 6;
    private const int Memory = 7;

    public static TraceSchema Schema { get; } = new(
        "an Alibaba 2017 batch_task.csv",
        [
            "task_create_time", "task_end_time", "job_id", "task_id", "number_of_instances", "status",
            "number_of_cpus_requested_per_instance_in_the_task", "normalized_memory_requested_per_instance_in_the_task",
        ],
        TraceHeader.Optional,
        RequiredCount: 8);

    internal static EnumSpellings<BatchStatus> Statuses { get; } = new(
        ("Ready", BatchStatus.Ready),
        ("Waiting", BatchStatus.Waiting),
        ("Running", BatchStatus.Running),
        ("Terminated", BatchStatus.Terminated),
        ("Failed", BatchStatus.Failed),
        ("Cancelled", BatchStatus.Cancelled),
        ("Interrupted", BatchStatus.Interrupted));

    public static BatchTask Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var create = TraceTime.Seconds(ref row, CreateTime, -TraceTime.MaxSeconds);
        var end = TraceTime.Seconds(ref row, EndTime, -TraceTime.MaxSeconds);
        var job = RowFields.Int64(ref row, JobId, 0, long.MaxValue, "job id");
        var task = RowFields.Int64(ref row, TaskId, 0, long.MaxValue, "task id");
        var instances = RowFields.Int64(ref row, Instances, 0, long.MaxValue, "instances in the task");
        var status = RowFields.Enum(ref row, Status, Statuses, "a task state");
        var cpu = RowFields.OptionalInt64(ref row, Cpu, 0, long.MaxValue / 10, "CPU per instance, 100 = one core");
        var memory = RowFields.OptionalDouble(ref row, Memory, 0, 1, "memory per instance as a fraction of a machine's");
        return new BatchTask(
            create,
            end,
            job,
            task,
            instances,
            status,
            cpu * 10,
            memory);
    }
}
