using Sim.Cluster.Labels;
using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Checks that a node has room for the pod's requests and scores nodes by how their resources would
/// be used: LeastAllocated (the default), MostAllocated or RequestedToCapacityRatio.
/// </summary>
/// <remarks>
/// <para>Upstream: <c>pkg/scheduler/framework/plugins/noderesources/fit.go</c> (v1.34 semantics).</para>
/// <para>
/// Filter rejects with <c>Too many pods</c> when the node's pod count is full and with
/// <c>Insufficient &lt;resource&gt;</c> for each of cpu, memory, ephemeral-storage and scalar resources
/// whose request exceeds what is left (all reasons are reported). The status is
/// UnschedulableAndUnresolvable when the request alone exceeds the node's allocatable amount, since
/// preemption cannot help then. Scoring counts 100m cpu and 200 MiB memory for containers that
/// request none.
/// </para>
/// <para>
/// Deviation: with an empty resource list (only possible when the args are built without
/// <see cref="NodeResourcesFitArgs.WithDefaults"/>), upstream's Score fails with "resources not found";
/// here PreScore does, because Score returns a plain number. The cycle fails with an error either way.
/// </para>
/// </remarks>
public sealed class NodeResourcesFit : IPreFilterPlugin, IBatchFilterPlugin, IPreScorePlugin, IBatchScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesFit";

    private static readonly StateKey<PodResourceRequest> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly StateKey<PodResourceRequests> PreScoreKey = new("PreScore" + PluginName);

    private static readonly IReadOnlyList<ClusterEventWithHint> Events =
    [
        // Upstream registers Pod (assigned and unscheduled) Delete, plus UpdatePodScaleDown with
        // InPlacePodVerticalScaling; and Node Add | UpdateNodeAllocatable with queueing hints on.
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete | ActionType.UpdatePodScaleDown), FitQueueingHints.IsSchedulableAfterPodEvent),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.Delete | ActionType.UpdatePodScaleDown), FitQueueingHints.IsSchedulableAfterPodEvent),
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeAllocatable), FitQueueingHints.IsSchedulableAfterNodeChange),
    ];

    private readonly HashSet<string> _ignoredResources;
    private readonly HashSet<string> _ignoredResourceGroups;
    private readonly ResourceAllocationScorer _scorer;

    // The last pod's requests and what PreFilter and PreScore made of them: both are immutable, and
    // consecutive pods of a workload request the same, so they are reused instead of rebuilt.
    private ResourceList? _lastRequests;
    private PodResourceRequest? _lastRequest;
    private readonly LastPodResourceRequests _scoreRequests;

    /// <summary>Creates the plugin (upstream's <c>NewFit</c>): the args are validated as given.</summary>
    /// <exception cref="SchedulerConfigException">When the args are invalid.</exception>
    public NodeResourcesFit(NodeResourcesFitArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException($"initializing plugin \"{PluginName}\": {FieldError.Join(errors)}");
        }

        var strategy = args.ScoringStrategy ?? throw new SchedulerConfigException($"initializing plugin \"{PluginName}\": scoring strategy not specified");
        var resources = strategy.Resources.IsDefault ? [] : strategy.Resources;
        _scorer = strategy.Type switch
        {
            ScoringStrategyType.LeastAllocated => new LeastAllocatedScorer(resources),
            ScoringStrategyType.MostAllocated => new MostAllocatedScorer(resources),
            ScoringStrategyType.RequestedToCapacityRatio => new RequestedToCapacityRatioScorer(
                resources,
                strategy.RequestedToCapacityRatio?.Shape ?? throw new SchedulerConfigException(
                    $"initializing plugin \"{PluginName}\": scoringStrategy.requestedToCapacityRatio: Required value: the RequestedToCapacityRatio strategy needs a shape")),
            _ => throw new SchedulerConfigException($"initializing plugin \"{PluginName}\": scoring strategy {strategy.Type} is not supported"),
        };
        _scoreRequests = new LastPodResourceRequests(_scorer);
        _ignoredResources = new HashSet<string>(args.IgnoredResources.IsDefault ? [] : args.IgnoredResources, StringComparer.Ordinal);
        _ignoredResourceGroups = new HashSet<string>(args.IgnoredResourceGroups.IsDefault ? [] : args.IgnoredResourceGroups, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>Computes the pod's request once for Filter (upstream's <c>computePodResourceRequest</c>).</summary>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        if (_lastRequest is null || !pod.Requests.Equals(_lastRequests))
        {
            (_lastRequests, _lastRequest) = (pod.Requests, PodResourceRequest.From(pod.Requests, _ignoredResources, _ignoredResourceGroups));
        }

        state.Write(PreFilterKey, _lastRequest);
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read(PreFilterKey) is not { } request)
        {
            return Status.Error($"error reading \"{PreFilterKey.Name}\" from cycleState: not found");
        }

        // A rejection allocates nothing: one reason needs no array, and the status of several is made
        // once per combination in the cycle (statuses are immutable, so nodes can share one).
        switch (ResourceFit.CountInsufficient(request, node, out var reason, out var which, out var unresolvableAny))
        {
            case 0:
                return Status.Success;
            case 1:
                return unresolvableAny ? Status.UnschedulableAndUnresolvable(reason!) : Status.Unschedulable(reason!);
        }

        if (which != 0)
        {
            return request.Rejection(which, unresolvableAny);
        }

        var insufficient = ResourceFit.FitsRequest(request, node)!;
        var reasons = new string[insufficient.Count];
        var unresolvable = false;
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = insufficient[i].Reason;
            unresolvable |= insufficient[i].Unresolvable;
        }

        return unresolvable ? Status.UnschedulableAndUnresolvable(reasons) : Status.Unschedulable(reasons);
    }

    /// <summary>Computes the pod's request of each scored resource once for Score.</summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if (_scorer.Count == 0)
        {
            return Status.Error("resources not found");
        }

        state.Write(PreScoreKey, _scoreRequests.For(pod));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        var requests = state.Read(PreScoreKey)?.Values ?? _scorer.CalculatePodResourceRequestList(pod);
        return _scorer.Score(node, requests);
    }

    /// <inheritdoc />
    public void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        var requests = state.Read(PreScoreKey)?.Values ?? _scorer.CalculatePodResourceRequestList(pod);
        _scorer.ScoreNodes(nodes, requests, scores);
    }

    /// <inheritdoc />
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreFilterKey) is not { } request)
        {
            // Filter reports the missing state for every node.
            passes.Clear();
            return;
        }

        if (request.ScalarNames.Length == 0 && NodeTable.TryGetRows(nodes, out var rows))
        {
            // A window of the snapshot's list: the nodes' free totals are one contiguous block of rows,
            // each compared at once with the request (ResourceFit.FitsAll's comparisons, without branches).
            var wanted = ResourceFit.RowRequest(request);
            for (var i = 0; i < rows.Length; i++)
            {
                passes[i] &= ResourceFit.FitsAll(wanted, in rows[i]);
            }

            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (passes[i] && !ResourceFit.FitsAll(request, nodes[i]))
            {
                passes[i] = false;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() => Events;

    internal static PodResourceRequest? PreFilterState(CycleState state) => state.Read(PreFilterKey);
}
