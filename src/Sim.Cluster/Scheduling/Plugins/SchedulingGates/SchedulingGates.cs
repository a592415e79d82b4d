namespace Sim.Scheduling.Plugins.SchedulingGates;

/// <summary>Keeps a pod with scheduling gates out of the active queue until every gate is removed.</summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go</c>.</remarks>
public sealed class SchedulingGates : IPreEnqueuePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "SchedulingGates";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreEnqueue(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var gates = pod.Pod.Spec.SchedulingGates;
        if (gates.IsDefaultOrEmpty)
        {
            return Status.Success;
        }

        return Status.UnschedulableAndUnresolvable($"waiting for scheduling gates: [{string.Join(" ", gates)}]");
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
        [new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodSchedulingGatesEliminated))];
}
