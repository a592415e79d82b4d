namespace Sim.Scheduling.Plugins.PrioritySort;

/// <summary>Orders the active queue by priority (higher first), then by queue time (earlier first).</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/queuesort/priority_sort.go</c>.</remarks>
public sealed class PrioritySort : IQueueSortPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "PrioritySort";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public bool Less(QueuedPodInfo a, QueuedPodInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var p1 = a.PodInfo.Pod.Spec.Priority;
        var p2 = b.PodInfo.Pod.Spec.Priority;
        return p1 > p2 || (p1 == p2 && a.Timestamp < b.Timestamp);
    }
}
