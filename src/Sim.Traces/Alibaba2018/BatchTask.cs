using Sim.Traces.Alibaba2017;

namespace Sim.Traces.Alibaba2018;

/// <summary>
/// One row of Alibaba cluster-trace-v2018's <c>batch_task.csv</c>: a task of a batch job, whose name
/// encodes its place in the job's DAG (<c>M5_3_4</c> depends on tasks 3 and 4; <c>task_…</c> names are
/// independent tasks).
/// </summary>
/// <param name="TaskName">The task name, unique within the job.</param>
/// <param name="InstanceCount">How many instances the task has (<c>instance_num</c>).</param>
/// <param name="JobName">The job (<c>j_1</c>).</param>
/// <param name="TaskType">The task type as written (the schema says there are 12, as text).</param>
/// <param name="Status">The task's state (the 2017 trace's words).</param>
/// <param name="StartTime">Start, from the trace start; 0 means before or after the 8-day span.</param>
/// <param name="EndTime">End, from the trace start; 0 means before or after the 8-day span.</param>
/// <param name="PlanCpu">Planned CPU per instance, 100 = one core; null when empty. See <see cref="MilliCpu"/>.</param>
/// <param name="PlanMemory">Planned memory per instance, normalized to the largest machine's (0 to 100); null when empty or marked invalid (−1 or 101).</param>
public sealed record BatchTask(
    string TaskName,
    long InstanceCount,
    string JobName,
    string TaskType,
    BatchStatus Status,
    TimeSpan StartTime,
    TimeSpan EndTime,
    double? PlanCpu,
    double? PlanMemory)
{
    /// <summary>The planned CPU in milli-cores, rounded up as Kubernetes rounds quantities; null when unknown.</summary>
    public long? MilliCpu => PlanCpu is { } cpu ? (long)Math.Ceiling(cpu * 10) : null;
}
