using System.Globalization;

namespace Sim.Workloads;

/// <summary>
/// A condition that ends a run before its duration, which stays the cap: the run ends at the end of
/// the first event after which the condition holds, or at the duration, whichever comes first.
/// <see cref="StopWatcher"/> checks it. Pods are counted as the metrics count them
/// (<c>pods_created</c>, <c>pods_scheduled</c>, <c>pods_succeeded</c>): every pod of the cluster
/// since the watcher started, replacements included.
/// </summary>
public sealed record StopCondition
{
    private StopCondition(StopWhen when, long count)
    {
        When = when;
        Count = count;
    }

    /// <summary>Every workload has finished arriving and everything it created is done or running (<see cref="StopWhen.WorkloadsDone"/>).</summary>
    public static StopCondition WorkloadsDone { get; } = new(StopWhen.WorkloadsDone, 0);

    /// <summary>Which condition.</summary>
    public StopWhen When { get; }

    /// <summary>The number of pods the <c>Pods…</c> conditions wait for (at least 1); 0 for <see cref="StopWhen.WorkloadsDone"/>.</summary>
    public long Count { get; }

    /// <summary>Stops when <paramref name="count"/> pods have been created.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="count"/> is below 1.</exception>
    public static StopCondition PodsCreated(long count) => Pods(StopWhen.PodsCreated, count);

    /// <summary>Stops when <paramref name="count"/> pods have been bound to nodes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="count"/> is below 1.</exception>
    public static StopCondition PodsScheduled(long count) => Pods(StopWhen.PodsScheduled, count);

    /// <summary>Stops when <paramref name="count"/> pods have succeeded.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="count"/> is below 1.</exception>
    public static StopCondition PodsSucceeded(long count) => Pods(StopWhen.PodsSucceeded, count);

    /// <summary>The condition as the scenario format writes it, e.g. <c>workloads-done</c> or <c>pods-succeeded 500</c>.</summary>
    public override string ToString() => When switch
    {
        StopWhen.WorkloadsDone => "workloads-done",
        StopWhen.PodsCreated => string.Create(CultureInfo.InvariantCulture, $"pods-created {Count}"),
        StopWhen.PodsScheduled => string.Create(CultureInfo.InvariantCulture, $"pods-scheduled {Count}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"pods-succeeded {Count}"),
    };

    private static StopCondition Pods(StopWhen when, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new StopCondition(when, count);
    }
}
