using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.DefaultBinder;

/// <summary>
/// Binds a pod by writing its node through the API server (upstream POSTs a Binding; here the pod's
/// <c>spec.nodeName</c> and <c>PodScheduled</c> time are set in one write). Fails when the pod is gone
/// or already bound elsewhere.
/// </summary>
/// <remarks>Upstream: <c>pkg/scheduler/framework/plugins/defaultbinder/default_binder.go</c>.</remarks>
public sealed class DefaultBinder : IBindPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DefaultBinder";

    private readonly IFrameworkHandle _handle;

    /// <summary>A binder writing through <paramref name="handle"/>'s client.</summary>
    public DefaultBinder(IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Bind(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_handle.Client is not { } client)
        {
            return Status.Error("no API client to bind with");
        }

        var now = _handle.Now;
        string? conflict = null;
        var bound = client.Modify<Pod>(
            pod.Pod.Key,
            current =>
            {
                if (current.Metadata.Uid != pod.Pod.Metadata.Uid || current.IsBound)
                {
                    conflict = current.IsBound ? $"pod {pod} is already assigned to node \"{current.Spec.NodeName}\"" : $"pod {pod} was replaced";
                    return current;
                }

                return current with { Spec = current.Spec with { NodeName = nodeName }, Status = current.Status with { ScheduledAt = now } };
            },
            $"bound to {nodeName}");
        if (conflict is not null)
        {
            return Status.Error(conflict);
        }

        return bound is null ? Status.Error($"pod {pod} not found") : Status.Success;
    }
}
