using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

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

    // One bind at a time: the write below runs synchronously, and nothing it triggers binds again.
    private readonly Attempt _attempt = new();

    // "bound to <node>", the event log's description of a bind, built once per node.
    private readonly Dictionary<string, string> _descriptions = new(StringComparer.Ordinal);

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
        ArgumentNullException.ThrowIfNull(nodeName);
        if (_handle.Client is not { } client)
        {
            return Status.Error("no API client to bind with");
        }

        if (!_descriptions.TryGetValue(nodeName, out var description))
        {
            description = $"bound to {nodeName}";
            _descriptions.Add(nodeName, description);
        }

        var attempt = _attempt;
        attempt.Pod = pod;
        attempt.NodeName = nodeName;
        attempt.Now = _handle.Now;
        attempt.Conflict = null;
        var bound = client.Rewrite(pod.Pod.Key, static (Pod current, ObjectMeta metadata, Attempt attempt) => attempt.Apply(current, metadata), attempt, description);
        var conflict = attempt.Conflict;
        attempt.Pod = null;
        if (conflict is not null)
        {
            return Status.Error(conflict);
        }

        return bound is null ? Status.Error($"pod {pod} not found") : Status.Success;
    }

    /// <summary>The bind being written: the change applied to the pod as read, and the conflict it met.</summary>
    private sealed class Attempt
    {
        public PodInfo? Pod { get; set; }

        public string NodeName { get; set; } = string.Empty;

        public SimTime Now { get; set; }

        public string? Conflict { get; set; }

        /// <summary>The pod bound (with the stored version's <paramref name="metadata"/>), or <paramref name="current"/> unchanged on a conflict.</summary>
        public Pod Apply(Pod current, ObjectMeta metadata)
        {
            var pod = Pod!;
            if (current.Metadata.Uid != pod.Pod.Metadata.Uid || current.IsBound)
            {
                Conflict = current.IsBound ? $"pod {pod} is already assigned to node \"{current.Spec.NodeName}\"" : $"pod {pod} was replaced";
                return current;
            }

            // The assumed pod's spec is the bound one when it was made from the stored spec (the usual
            // case): it is written as it is instead of a copy of the same.
            var assumed = pod.Pod.Spec;
            var spec = string.Equals(assumed.NodeName, NodeName, StringComparison.Ordinal) && current.Spec.SharesAllButNodeName(assumed)
                ? assumed
                : current.Spec with { NodeName = NodeName };
            return current with { Metadata = metadata, Spec = spec, Status = current.Status with { ScheduledAt = Now } };
        }
    }
}
