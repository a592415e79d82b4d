namespace Sim.Traces.Alibaba2017;

/// <summary>
/// One row of Alibaba cluster-trace-v2017's <c>batch_task.csv</c>: a task of a batch job, whose
/// instances all ask for the same resources.
/// </summary>
/// <param name="CreateTime">When the task was created, from the trace start; negative or zero means before the trace.</param>
/// <param name="EndTime">
/// The task's latest state change (upstream calls it <c>modify_timestamp</c>, the re-hosted copy
/// <c>task_end_time</c>); 0 for most Running tasks, and it may be before <paramref name="CreateTime"/>.
/// </param>
/// <param name="JobId">The job, a number unique in the trace.</param>
/// <param name="TaskId">The task, a number unique in the trace.</param>
/// <param name="InstanceCount">How many instances the task has.</param>
/// <param name="Status">The task's state.</param>
/// <param name="MilliCpuPerInstance">
/// CPU each instance asks for, in milli-cores (the file says 100 for one core; this is ten times
/// that); null where the file leaves it empty (every Waiting task and a few others).
/// </param>
/// <param name="NormalizedMemoryPerInstance">
/// Memory each instance asks for, as a fraction of one machine's memory (0 to 1); null where the file
/// leaves it empty.
/// </param>
public sealed record BatchTask(
    TimeSpan CreateTime,
    TimeSpan EndTime,
    long JobId,
    long TaskId,
    long InstanceCount,
    BatchStatus Status,
    long? MilliCpuPerInstance,
    double? NormalizedMemoryPerInstance);
