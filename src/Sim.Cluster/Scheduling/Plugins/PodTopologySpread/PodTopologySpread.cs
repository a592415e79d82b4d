using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

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

    private readonly IFrameworkHandle _handle;
    private readonly ImmutableArray<TopologySpreadConstraint> _defaultConstraints;
    private readonly bool _systemDefaulted;
    private readonly MatchingPodCounts _counts = new();
    private string[] _values = [];

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
    }

    /// <inheritdoc />
    public string Name => PluginName;

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

    /// <summary>Upstream's <c>buildDefaultConstraints</c>: the defaults for <paramref name="action"/> with the owners' selector; null when nothing selects the pod.</summary>
    private SpreadConstraint[]? BuildDefaultConstraints(Pod pod, WhenUnsatisfiable action)
    {
        if (_defaultConstraints.IsEmpty)
        {
            return null;
        }

        var constraints = FilterConstraints(_defaultConstraints, pod.Metadata.Labels, action);
        if (constraints is null)
        {
            return null;
        }

        var selector = DefaultSelector.Of(pod, _handle.Lister);
        if (selector.IsEmpty)
        {
            return null;
        }

        for (var i = 0; i < constraints.Length; i++)
        {
            constraints[i] = constraints[i] with { Selector = selector };
        }

        return constraints;
    }
}
