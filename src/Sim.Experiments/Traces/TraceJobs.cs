using Sim.Traces.Alibaba2017;
using Sim.Workloads;

namespace Sim.Experiments.Traces;

/// <summary>
/// Turns trace records into <see cref="TraceJob"/>s for a <see cref="TraceWorkload"/>: the formats a
/// scenario's <c>kind: Trace</c> workload can name.
/// </summary>
public static class TraceJobs
{
    /// <summary>The format names, as a scenario writes them.</summary>
    public static readonly IReadOnlyList<string> Formats = [Alibaba2017BatchFormat];

    /// <summary>Alibaba cluster trace v2017, <c>batch_task.csv</c>.</summary>
    public const string Alibaba2017BatchFormat = "alibaba-2017-batch";

    /// <summary>
    /// The tasks of an Alibaba 2017 <c>batch_task.csv</c> as jobs: tasks created in
    /// [<paramref name="from"/>, <paramref name="to"/>) that state their CPU and memory and end after they
    /// start (so Waiting tasks and tasks still running at the end of the trace are left out), sorted by
    /// creation time (the file is not sorted; ties keep file order). A task becomes one Job of
    /// round(instances × <paramref name="instanceScale"/>) pods (at least 1, at most
    /// <paramref name="maxInstances"/>), each asking for the task's per-instance CPU and
    /// normalized memory × <paramref name="normalizedMemoryBytes"/>, and running end − create.
    /// </summary>
    /// <remarks>
    /// Sorting needs every task in memory: a record is about 80 bytes, so the 80,553-task file takes a
    /// few MB. The file is read when the run starts; a bad row stops the run with the row's place.
    /// </remarks>
    public static Func<IEnumerable<TraceJob>> Alibaba2017Batch(string path, TimeSpan from, TimeSpan? to, double instanceScale, int? maxInstances, long normalizedMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instanceScale);
        return () => Alibaba2017BatchJobs(Alibaba2017Trace.ReadBatchTasks(path), from, to, instanceScale, maxInstances, normalizedMemoryBytes);
    }

    /// <summary>The jobs of already-read tasks (see <see cref="Alibaba2017Batch"/>).</summary>
    public static IEnumerable<TraceJob> Alibaba2017BatchJobs(IEnumerable<BatchTask> tasks, TimeSpan from, TimeSpan? to, double instanceScale, int? maxInstances, long normalizedMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var selected = tasks
            .Where(t => t.MilliCpuPerInstance is > 0 && t.NormalizedMemoryPerInstance is > 0 && t.EndTime > t.CreateTime
                && t.CreateTime >= from && (to is null || t.CreateTime < to))
            .Select((task, order) => (task, order))
            .OrderBy(x => x.task.CreateTime)
            .ThenBy(x => x.order)
            .Select(x => x.task);
        foreach (var task in selected)
        {
            var instances = (long)Math.Round(task.InstanceCount * instanceScale, MidpointRounding.AwayFromZero);
            instances = Math.Clamp(instances, 1, maxInstances ?? int.MaxValue);
            var memory = (long)Math.Ceiling(task.NormalizedMemoryPerInstance!.Value * normalizedMemoryBytes);
            yield return new TraceJob(task.CreateTime - from, (int)instances, task.MilliCpuPerInstance!.Value, Math.Max(1, memory), task.EndTime - task.CreateTime);
        }
    }
}
