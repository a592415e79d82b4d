using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Inter-pod affinity and anti-affinity: Filter enforces the required terms of the incoming pod and the
/// required anti-affinity terms of the pods already placed; Score prefers the topology domains the
/// preferred terms (both ways) and existing pods' required affinity terms point to.
/// </summary>
/// <remarks>
/// Upstream: <c>pkg/scheduler/framework/plugins/interpodaffinity/{plugin.go,filtering.go,scoring.go}</c>.
/// Namespace selectors are not modelled: a term selects the namespaces it names, or its pod's own.
/// </remarks>
public sealed partial class InterPodAffinity : IPreFilterPlugin, IPreFilterExtensions, IBatchFilterPlugin, IPreScorePlugin, IScorePlugin, IScoreExtensions, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "InterPodAffinity";

    private readonly InterPodAffinityArgs _args;
    private readonly IFrameworkHandle _handle;
    private readonly PodTopologyIndex _index = new(trackTerms: true);

    /// <summary>Creates the plugin; invalid args are a configuration error, as upstream's <c>New</c> fails on them.</summary>
    /// <exception cref="SchedulerConfigException">When <paramref name="args"/> do not validate.</exception>
    public InterPodAffinity(InterPodAffinityArgs args, IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(handle);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }

        _args = args;
        _handle = handle;
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>
    /// When set, PreFilter and PreScore recount over every node and pod each cycle, as upstream does,
    /// instead of reading the index: the reference the index is tested against.
    /// </summary>
    internal bool Recount { get; set; }

    /// <summary>The args in use.</summary>
    public InterPodAffinityArgs Args => _args;

    /// <inheritdoc />
    /// <remarks>
    /// Upstream registers pod Add, UpdatePodLabel and Delete (assigned pods, and the pending pod's own label
    /// changes) and node Add and UpdateNodeLabel, each with a hint.
    /// </remarks>
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete), IsSchedulableAfterPodChange),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodLabel), IsSchedulableAfterPodChange),
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel), IsSchedulableAfterNodeChange),
    ];

    /// <summary>
    /// Whether a pod added, relabelled or deleted may make <paramref name="pod"/> schedulable (upstream's
    /// <c>isSchedulableAfterPodChange</c>, v1.35): the pending pod's own labels changed; an assigned pod
    /// now matches all its affinity terms; an assigned pod stopped matching, or was deleted while matching,
    /// one of its anti-affinity terms; or a deleted pod's required anti-affinity matched it.
    /// </summary>
    internal static QueueingHint IsSchedulableAfterPodChange(Pod pod, object? oldObject, object? newObject)
    {
        var original = oldObject as Pod;
        var modified = newObject as Pod;
        if (original is not null && modified is not null && SamePod(pod, modified)
            && !original.Metadata.Labels.SequenceEqual(modified.Metadata.Labels))
        {
            // The pending pod's own labels changed: it may now match its own affinity terms, or stop
            // matching existing pods' anti-affinity terms.
            return QueueingHint.Queue;
        }

        if ((modified is not null && !modified.IsBound) || (original is not null && !original.IsBound))
        {
            return QueueingHint.QueueSkip;
        }

        var affinity = pod.Spec.Affinity;
        var terms = Resolve(affinity?.PodAffinity?.Required, pod.Metadata.Namespace);
        var antiTerms = Resolve(affinity?.PodAntiAffinity?.Required, pod.Metadata.Namespace);
        if (original is not null && modified is not null)
        {
            if (!TopologyCounts.MatchesAll(terms, original) && TopologyCounts.MatchesAll(terms, modified))
            {
                return QueueingHint.Queue;
            }

            // One anti-affinity term is enough to repel, so a term the pod matched before and no longer
            // matches may free a domain. Upstream compares all terms at once (v1.35) or any term (later);
            // this queues in every case either of those does.
            foreach (var term in antiTerms)
            {
                if (term.Matches(original) && !term.Matches(modified))
                {
                    return QueueingHint.Queue;
                }
            }

            return QueueingHint.QueueSkip;
        }

        if (modified is not null)
        {
            return TopologyCounts.MatchesAll(terms, modified) ? QueueingHint.Queue : QueueingHint.QueueSkip;
        }

        if (original is null)
        {
            return QueueingHint.Queue;
        }

        foreach (var term in antiTerms)
        {
            if (term.Matches(original))
            {
                return QueueingHint.Queue;
            }
        }

        // The deleted pod's own required anti-affinity may have kept the pending pod out.
        foreach (var term in Resolve(original.Spec.Affinity?.PodAntiAffinity?.Required, original.Metadata.Namespace))
        {
            if (term.Matches(pod))
            {
                return QueueingHint.Queue;
            }
        }

        return QueueingHint.QueueSkip;
    }

    /// <summary>
    /// Whether a node added or relabelled may make <paramref name="pod"/> schedulable (upstream's
    /// <c>isSchedulableAfterNodeChange</c>, v1.32+): for an affinity term, the node gained the topology
    /// label or changed its value (a new node counts when it has the label); for an anti-affinity term,
    /// any new node, or a node that lost the label or changed its value.
    /// </summary>
    internal static QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        if (newObject is not Node modified)
        {
            return QueueingHint.Queue;
        }

        var original = oldObject as Node;
        var modifiedLabels = modified.Metadata.Labels;
        var affinity = pod.Spec.Affinity;
        foreach (var term in Resolve(affinity?.PodAffinity?.Required, pod.Metadata.Namespace))
        {
            var modifiedHas = modifiedLabels.TryGetValue(term.TopologyKey, out var modifiedValue);
            if (original is null)
            {
                if (modifiedHas)
                {
                    return QueueingHint.Queue;
                }

                continue;
            }

            var originalHas = original.Metadata.Labels.TryGetValue(term.TopologyKey, out var originalValue);
            if (modifiedHas && (!originalHas || !string.Equals(originalValue, modifiedValue, StringComparison.Ordinal)))
            {
                return QueueingHint.Queue;
            }
        }

        foreach (var term in Resolve(affinity?.PodAntiAffinity?.Required, pod.Metadata.Namespace))
        {
            if (original is null)
            {
                return QueueingHint.Queue;
            }

            var originalHas = original.Metadata.Labels.TryGetValue(term.TopologyKey, out var originalValue);
            var modifiedHas = modifiedLabels.TryGetValue(term.TopologyKey, out var modifiedValue);
            if (originalHas && (!modifiedHas || !string.Equals(originalValue, modifiedValue, StringComparison.Ordinal)))
            {
                return QueueingHint.Queue;
            }
        }

        return QueueingHint.QueueSkip;
    }

    private static bool SamePod(Pod a, Pod b) =>
        a.Metadata.Uid != 0 && b.Metadata.Uid != 0 ? a.Metadata.Uid == b.Metadata.Uid : a.Key == b.Key;

    private static ImmutableArray<AffinityTerm> Resolve(ImmutableArray<Cluster.Objects.Scheduling.PodAffinityTerm>? terms, string podNamespace)
    {
        if (terms is not { IsDefaultOrEmpty: false } list)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<AffinityTerm>(list.Length);
        foreach (var term in list)
        {
            builder.Add(new AffinityTerm(term, podNamespace));
        }

        return builder.MoveToImmutable();
    }
}
