using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// Places pods on nodes that match their <c>nodeSelector</c> and required node affinity (and the
/// profile's added affinity), and prefers nodes matching their weighted preferred terms. The default
/// profile weighs its score 2.
/// </summary>
/// <remarks>
/// <para>Upstream: <c>pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go</c>.</para>
/// <para>
/// A pod's selector and terms are parsed once per pod spec object and kept in the cycle state, so Filter
/// and Score allocate nothing. In Sim's model an empty list of required terms means no requirement;
/// upstream's API rejects a required selector without terms, so no valid pod is treated differently.
/// </para>
/// </remarks>
public sealed class NodeAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin, IScoreExtensions, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeAffinity";

    /// <summary>The rejection reason when the pod's node selector or affinity does not match.</summary>
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

    /// <summary>The rejection reason when the profile's added affinity does not match.</summary>
    public const string ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";

    /// <summary>The PreFilter rejection when the pod's <c>metadata.name</c> requirements rule out every node.</summary>
    public const string ErrReasonConflict = "pod affinity terms conflict";

    private static readonly StateKey<RequiredNodeAffinity> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly StateKey<PreferredSchedulingTerms> PreScoreKey = new("PreScore" + PluginName);

    private readonly CompiledNodeSelector? _addedNodeSelector;
    private readonly PreferredSchedulingTerms? _addedPreferred;

    /// <summary>Creates the plugin with <paramref name="args"/>.</summary>
    /// <exception cref="SchedulerConfigException">When the args do not validate.</exception>
    public NodeAffinity(NodeAffinityArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException($"invalid {PluginName} args: {FieldPath.Aggregate(errors)}");
        }

        if (args.AddedAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            _addedNodeSelector = CompiledNodeSelector.Parse(required.NodeSelectorTerms, "nodeSelectorTerms");
        }

        if (args.AddedAffinity is { PreferredDuringSchedulingIgnoredDuringExecution.IsDefaultOrEmpty: false } added)
        {
            _addedPreferred = PreferredSchedulingTerms.Parse(added.PreferredDuringSchedulingIgnoredDuringExecution, string.Empty, []);
        }
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        var spec = pod.Pod.Spec;
        var hasRequiredAffinity = spec.Affinity?.NodeAffinity is { Required.IsDefaultOrEmpty: false };
        if (!hasRequiredAffinity && _addedNodeSelector is null && spec.NodeSelector.Count == 0)
        {
            // Nothing for Filter to check.
            return Status.Skip;
        }

        var affinity = PodNodeAffinity.For(spec);
        state.Write(PreFilterKey, affinity.Required);
        if (affinity.NodeNamesConflict)
        {
            return Status.UnschedulableAndUnresolvable(ErrReasonConflict);
        }

        result = affinity.PreFilterResult;
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (_addedNodeSelector is not null && !_addedNodeSelector.Matches(node.Node))
        {
            return Status.UnschedulableAndUnresolvable(ErrReasonEnforced);
        }

        // Without PreFilter (only when called directly), take the pod's parsed affinity here.
        var required = state.Read(PreFilterKey) ?? PodNodeAffinity.For(pod.Pod.Spec).Required;
        return required.Matches(node.Node) ? Status.Success : Status.UnschedulableAndUnresolvable(ErrReasonPod);
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Pod.Spec;
        if (spec.Affinity?.NodeAffinity is not { Preferred.IsDefaultOrEmpty: false })
        {
            if (_addedPreferred is null)
            {
                // Nothing for Score to count.
                return Status.Skip;
            }

            state.Write(PreScoreKey, PreferredSchedulingTerms.None);
            return Status.Success;
        }

        var affinity = PodNodeAffinity.For(spec);
        if (affinity.PreferredError is { } error)
        {
            return Status.Error(error);
        }

        state.Write(PreScoreKey, affinity.Preferred!);
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var count = _addedPreferred?.Score(node.Node) ?? 0;

        // Without PreScore (only when called directly), take the pod's parsed terms here.
        var preferred = state.Read(PreScoreKey) ?? PodNodeAffinity.For(pod.Pod.Spec).Preferred;
        if (preferred is not null)
        {
            count += preferred.Score(node.Node);
        }

        return count;
    }

    /// <inheritdoc />
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores) =>
        Helper.NormalizeScore.Default(Helper.NormalizeScore.MaxNodeScore, reverse: false, scores);

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
        [new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel), IsSchedulableAfterNodeChange)];

    /// <summary>
    /// Queueing hint for node events: skip nodes that fail the added affinity or the pod's required
    /// affinity, and updates of nodes that matched before; requeue new matching nodes and nodes that
    /// came to match. Objects of the wrong type, and affinity that fails to parse, requeue.
    /// </summary>
    public QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (newObject is not Node modified || (oldObject is not null && oldObject is not Node))
        {
            return QueueingHint.Queue;
        }

        if (_addedNodeSelector is not null && !_addedNodeSelector.Matches(modified))
        {
            return QueueingHint.QueueSkip;
        }

        var required = PodNodeAffinity.For(pod.Spec).Required;
        var isMatched = required.Matches(modified, out var parseError);
        if (parseError)
        {
            return QueueingHint.Queue;
        }

        if (!isMatched)
        {
            return QueueingHint.QueueSkip;
        }

        if (oldObject is not Node original)
        {
            return QueueingHint.Queue;
        }

        var wasMatched = required.Matches(original, out parseError);
        return parseError || !wasMatched ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }
}
