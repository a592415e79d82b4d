using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2018;

/// <summary>Decodes <c>batch_task.csv</c> rows (headerless, the column order of the published schema.md).</summary>
internal readonly struct BatchTaskDecoder : ITraceDecoder<BatchTask>
{
    private const int TaskName = 0;
    private const int Instances = 1;
    private const int JobName = 2;
    private const int TaskType = 3;
    private const int Status = 4;
    private const int Start = 5;
    private const int End = 6;
    private const int PlanCpu = 7;
    private const int PlanMemory = 8;

    public static TraceSchema Schema { get; } = new(
        "an Alibaba 2018 batch_task.csv",
        ["task_name", "instance_num", "job_name", "task_type", "status", "start_time", "end_time", "plan_cpu", "plan_mem"],
        TraceHeader.None,
        RequiredCount: 9);

    public static BatchTask Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct => new(
            RowFields.Name(ref row, TaskName, "a task name"),
            RowFields.Int64(ref row, Instances, 0, long.MaxValue, "instances in the task"),
            RowFields.Name(ref row, JobName, "a job name"),
            RowFields.Name(ref row, TaskType, "a task type"),
            RowFields.Enum(ref row, Status, Alibaba2017.BatchTaskDecoder.Statuses, "a task state"),
            TraceTime.Seconds(ref row, Start, 0),
            TraceTime.Seconds(ref row, End, 0),
            RowFields.OptionalDouble(ref row, PlanCpu, 0, long.MaxValue / 100, "planned CPU, 100 = one core"),
            NormalizedField.Read(ref row, PlanMemory, "normalized planned memory"));
}
