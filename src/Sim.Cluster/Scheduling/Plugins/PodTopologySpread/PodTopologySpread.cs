using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Spreads pods over topology domains (zones, nodes, …) as their topology spread constraints ask:
/// DoNotSchedule constraints filter nodes whose domain would get too far ahead of the emptiest one,
/// ScheduleAnyway constraints prefer nodes in domains with fewer matching pods. Pods without constraints
/// of their own get the default constraints, with a selector deduced from the Services,
/// ReplicationControllers and ReplicaSets that select them (StatefulSets are not modelled).
/// </summary>
/// <remarks>
/// Upstream: <c>pkg/scheduler/framework/plugins/podtopologyspread/{common,filtering,scoring,plugin}.go</c>,
/// with the NodeInclusionPolicy, MinDomains and MatchLabelKeys features on (their defaults since v1.26–v1.27).
/// </remarks>
public sealed partial class PodTopologySpread
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "PodTopologySpread";

    /// <summary>The Filter reason when a node's domain would exceed a constraint's maxSkew.</summary>
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

    /// <summary>The Filter reason when a node lacks a constraint's topology key.</summary>
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";

    /// <summary>The System defaults: hostname with maxSkew 3 and zone with maxSkew 5, both ScheduleAnyway.</summary>
    public static ImmutableArray<TopologySpreadConstraint> SystemDefaultConstraints { get; } =
    [
        new(3, Node.HostnameLabel, WhenUnsatisfiable.ScheduleAnyway, LabelSelector.Nothing),
        new(5, Node.ZoneLabel, WhenUnsatisfiable.ScheduleAnyway, LabelSelector.Nothing),
    ];

    // How many selectors' default constraints are kept per action.
    private const int DefaultsCacheSize = 8;

    private readonly IFrameworkHandle _handle;
    private readonly ImmutableArray<TopologySpreadConstraint> _defaultConstraints;
    private readonly bool _systemDefaulted;
    private readonly PodTopologyIndex _index = new(trackTerms: false);
    private string[] _values = [];
    private readonly bool _defaultsReadPodLabels;
    private readonly (LabelSelector? Selector, SpreadConstraint[]? Constraints)[] _defaultsCache = new (LabelSelector?, SpreadConstraint[]?)[2 * DefaultsCacheSize];
    private int _defaultsCacheNext;
    private PodMatcher? _lastMatcher;
    private string? _lastNamespace;
    private LabelSelector? _lastSelector;

    /// <summary>Creates the plugin; <paramref name="args"/> must pass <see cref="PodTopologySpreadArgs.Validate"/>.</summary>
    /// <exception cref="SchedulerConfigException">When the args are invalid.</exception>
    public PodTopologySpread(PodTopologySpreadArgs args, IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(handle);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException($"invalid PodTopologySpreadArgs: {string.Join(", ", errors)}");
        }

        _handle = handle;
        _systemDefaulted = args.DefaultingType == PodTopologySpreadConstraintsDefaulting.System;
        _defaultConstraints = _systemDefaulted ? SystemDefaultConstraints : args.DefaultConstraints.IsDefault ? [] : args.DefaultConstraints;
        _defaultsReadPodLabels = _defaultConstraints.Any(c => !c.MatchLabelKeys.IsDefaultOrEmpty);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>
    /// When set, PreFilter and PreScore count the matching pods over every node each cycle, as upstream
    /// does, instead of reading the index: the reference the index is tested against.
    /// </summary>
    internal bool Recount { get; set; }

    /// <summary>
    /// Upstream's <c>countPodsMatchSelector</c>: pods in <paramref name="ns"/>, not terminating, whose labels
    /// <paramref name="selector"/> matches. An empty selector (<c>labelSelector: {}</c>) counts 0, as in every
    /// release since v1.27 (kubernetes#116607); upstream's later fix (kubernetes#141340) counts all pods instead.
    /// </summary>
    internal static int CountPodsMatchSelector(IReadOnlyList<PodInfo> pods, LabelSelector selector, string ns)
    {
        if (selector.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i].Pod;
            if (pod.DeletionRequestedAt is not null || !string.Equals(pod.Metadata.Namespace, ns, StringComparison.Ordinal))
            {
                continue;
            }

            if (selector.Matches(pod.Metadata.Labels))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Upstream's <c>getConstraints</c> for <paramref name="action"/>: the pod's own constraints, or the defaults; null when there are none.</summary>
    internal SpreadConstraint[]? GetConstraints(Pod pod, WhenUnsatisfiable action) =>
        pod.Spec.TopologySpreadConstraints.IsDefaultOrEmpty
            ? BuildDefaultConstraints(pod, action)
            : FilterConstraints(pod.Spec.TopologySpreadConstraints, pod.Metadata.Labels, action);

    /// <summary>Upstream's <c>nodeLabelsMatchSpreadConstraints</c>: whether the node has every constraint's topology key.</summary>
    internal static bool HasAllTopologyKeys(IReadOnlyDictionary<string, string> nodeLabels, SpreadConstraint[] constraints)
    {
        foreach (var constraint in constraints)
        {
            if (!nodeLabels.ContainsKey(constraint.TopologyKey))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="HasAllTopologyKeys(IReadOnlyDictionary{string, string}, SpreadConstraint[])"/> of the node's labels, read through <see cref="NodeInfo.TryGetLabel"/>.</summary>
    internal static bool HasAllTopologyKeys(NodeInfo node, SpreadConstraint[] constraints)
    {
        foreach (var constraint in constraints)
        {
            if (!node.TryGetLabel(constraint.TopologyKey, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Upstream's <c>nodeLabelsMatchSpreadConstraints</c> that also hands out the values: whether the node has
    /// every constraint's topology key, with the values in <paramref name="values"/> (by constraint index).
    /// </summary>
    internal static bool TryGetTopologyValues(IReadOnlyDictionary<string, string> nodeLabels, SpreadConstraint[] constraints, string[] values)
    {
        for (var i = 0; i < constraints.Length; i++)
        {
            if (!nodeLabels.TryGetValue(constraints[i].TopologyKey, out var value))
            {
                return false;
            }

            values[i] = value;
        }

        return true;
    }

    /// <summary>
    /// Whether every node passes the constraints' node inclusion policies for <paramref name="pod"/> (no
    /// taints honoured, and node affinity honoured only for a pod without node selector or required
    /// affinity), so that the index's counts over all nodes are the counts.
    /// </summary>
    internal static bool IncludesAllNodes(Pod pod, SpreadConstraint[] constraints)
    {
        foreach (var c in constraints)
        {
            if (c.NodeTaintsPolicy == NodeInclusionPolicy.Honor
                || (c.NodeAffinityPolicy == NodeInclusionPolicy.Honor && (pod.Spec.NodeSelector.Count != 0 || PodNodeAffinity.For(pod.Spec).HasRequiredAffinity)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The pods on <paramref name="node"/> that <paramref name="constraint"/> counts: from the index's <paramref name="matching"/>, or recounted.</summary>
    private static int CountOn(NodeInfo node, SpreadConstraint constraint, string ns, MatchingPods? matching) =>
        matching is not null ? matching.CountOn(node) : CountPodsMatchSelector(node.Pods, constraint.Selector, ns);

    /// <summary>
    /// <see cref="MatchingOrNull"/> for each of <paramref name="constraints"/>, the index bound to the
    /// snapshot first (unless recounting).
    /// </summary>
    private MatchingPods?[] MatchingPerConstraint(SpreadConstraint[] constraints, string ns)
    {
        if (!Recount)
        {
            _index.Bind(_handle.Snapshot);
        }

        var matching = new MatchingPods?[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            matching[i] = MatchingOrNull(constraints[i], ns);
        }

        return matching;
    }

    /// <summary>The index's counts for <paramref name="constraint"/> (null when recounting, or for an empty selector, which counts nothing).</summary>
    private MatchingPods? MatchingOrNull(SpreadConstraint constraint, string ns)
    {
        if (Recount || constraint.Selector.IsEmpty)
        {
            return null;
        }

        // A pod's constraints, and the pods of one owner, share a selector: keep its matcher at hand.
        if (_lastMatcher is not { } matcher || !string.Equals(_lastNamespace, ns, StringComparison.Ordinal) || !constraint.Selector.Equals(_lastSelector))
        {
            matcher = PodMatcher.ForSpread(ns, constraint.Selector);
            (_lastMatcher, _lastNamespace, _lastSelector) = (matcher, ns, constraint.Selector);
        }

        return _index.Matching(matcher);
    }

    /// <summary>A buffer for one node's topology values, reused across cycles (a simulated cycle runs on one thread).</summary>
    private string[] TopologyValuesBuffer(int count)
    {
        if (_values.Length < count)
        {
            _values = new string[count];
        }

        return _values;
    }

    /// <summary>Upstream's <c>filterTopologySpreadConstraints</c>: the constraints for <paramref name="action"/>, with matchLabelKeys merged into the selector.</summary>
    private static SpreadConstraint[]? FilterConstraints(ImmutableArray<TopologySpreadConstraint> constraints, IReadOnlyDictionary<string, string> podLabels, WhenUnsatisfiable action)
    {
        List<SpreadConstraint>? result = null;
        foreach (var c in constraints)
        {
            if (c.WhenUnsatisfiable != action)
            {
                continue;
            }

            var selector = MergeMatchLabelKeys(c.LabelSelector, c.MatchLabelKeys, podLabels);
            (result ??= []).Add(new SpreadConstraint(c.MaxSkew, c.TopologyKey, selector, c.MinDomains ?? 1, c.NodeAffinityPolicy, c.NodeTaintsPolicy));
        }

        return result?.ToArray();
    }

    /// <summary>
    /// Upstream's <c>mergeLabelSetWithSelector</c>: the pod's values of <paramref name="keys"/> as <c>key=value</c>
    /// requirements ANDed with <paramref name="selector"/>; a null selector (<see cref="LabelSelector.Nothing"/>) stays null.
    /// </summary>
    private static LabelSelector MergeMatchLabelKeys(LabelSelector selector, ImmutableArray<string> keys, IReadOnlyDictionary<string, string> podLabels)
    {
        if (keys.IsDefaultOrEmpty || selector.MatchesNothing)
        {
            return selector;
        }

        Dictionary<string, string>? matchLabels = null;
        foreach (var key in keys)
        {
            if (podLabels.TryGetValue(key, out var value))
            {
                (matchLabels ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
            }
        }

        return matchLabels is null ? selector : LabelSelector.FromSet(LabelSet.Create(matchLabels)).Add(selector.Requirements);
    }

    private static bool HasConstraintFor(ImmutableArray<TopologySpreadConstraint> constraints, WhenUnsatisfiable action)
    {
        foreach (var c in constraints)
        {
            if (c.WhenUnsatisfiable == action)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Upstream's <c>buildDefaultConstraints</c>: the defaults for <paramref name="action"/> with the owners' selector; null when nothing selects the pod.</summary>
    private SpreadConstraint[]? BuildDefaultConstraints(Pod pod, WhenUnsatisfiable action)
    {
        // Whether a default applies, then the owners' selector, and only then the constraints are built:
        // most pods have no owner, and then nothing is. (Upstream builds the constraints before asking for
        // the selector; both steps are pure, so the order changes nothing but the work.)
        if (!HasConstraintFor(_defaultConstraints, action))
        {
            return null;
        }

        var selector = DefaultSelector.Of(pod, _handle.Lister);
        if (selector.IsEmpty)
        {
            return null;
        }

        // The pods of one owner share a selector and so the same constraints (nothing changes a built
        // constraint, and the pod's labels play no part unless a default merges them in through
        // matchLabelKeys): the constraints of the last few selectors are kept, per action.
        var cached = _defaultsCache.AsSpan(action == WhenUnsatisfiable.DoNotSchedule ? 0 : DefaultsCacheSize, DefaultsCacheSize);
        if (!_defaultsReadPodLabels)
        {
            foreach (var (cachedSelector, cachedConstraints) in cached)
            {
                if (cachedConstraints is not null && selector.Equals(cachedSelector))
                {
                    return cachedConstraints;
                }
            }
        }

        var constraints = FilterConstraints(_defaultConstraints, pod.Metadata.Labels, action)!;
        for (var i = 0; i < constraints.Length; i++)
        {
            constraints[i] = constraints[i] with { Selector = selector };
        }

        cached[_defaultsCacheNext++ % DefaultsCacheSize] = (selector, constraints);
        return constraints;
    }
}
