namespace Sim.Scheduling;

/// <summary>A scheduler plugin: a named piece of behaviour at one or more extension points.</summary>
public interface IPlugin
{
    /// <summary>The name configs refer to it by (e.g. <c>NodeResourcesFit</c>).</summary>
    string Name { get; }
}

/// <summary>Orders the active queue; a profile has exactly one.</summary>
public interface IQueueSortPlugin : IPlugin
{
    /// <summary>True when <paramref name="a"/> should be scheduled before <paramref name="b"/>.</summary>
    bool Less(QueuedPodInfo a, QueuedPodInfo b);
}

/// <summary>Decides whether a pod may enter the active queue at all (e.g. scheduling gates).</summary>
public interface IPreEnqueuePlugin : IPlugin
{
    /// <summary>Success lets the pod in; anything else keeps it waiting among the unschedulable pods.</summary>
    Status PreEnqueue(PodInfo pod);
}

/// <summary>Computes per-pod state once before filtering; may narrow the nodes or reject the pod outright.</summary>
public interface IPreFilterPlugin : IPlugin
{
    /// <summary>
    /// Runs once per cycle. Return <see cref="Status.Skip"/> to skip this plugin's Filter; set
    /// <paramref name="result"/> to restrict the nodes filtered.
    /// </summary>
    Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result);
}

/// <summary>
/// Lets preemption and nominated pods be evaluated incrementally: the pre-filter state is updated as if
/// a pod were added to or removed from a node.
/// </summary>
public interface IPreFilterExtensions
{
    /// <summary>Updates the state as if <paramref name="podToAdd"/> were on <paramref name="node"/>.</summary>
    Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

    /// <summary>Updates the state as if <paramref name="podToRemove"/> were gone from <paramref name="node"/>.</summary>
    Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
}

/// <summary>Says whether a pod can run on a node.</summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>Success when the pod fits <paramref name="node"/>; an unschedulable status with the reason otherwise.</summary>
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>
/// A Filter plugin that can also judge many nodes in one call, so the framework's feasible-node search
/// runs one loop per plugin instead of one interface call per node and plugin. The framework still asks
/// <see cref="IFilterPlugin.Filter"/> for the status of every node a batch rejects, so the two must agree.
/// </summary>
public interface IBatchFilterPlugin : IFilterPlugin
{
    /// <summary>
    /// Clears <c>passes[i]</c> for every node <c>nodes[i]</c> that <see cref="IFilterPlugin.Filter"/> would not
    /// pass; leaves the other entries as they are (nodes already cleared need not be looked at).
    /// </summary>
    void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes);
}

/// <summary>Runs when no node passed the filters (preemption).</summary>
public interface IPostFilterPlugin : IPlugin
{
    /// <summary>
    /// Tries to make the pod schedulable; on success sets the node it nominated. A rejection may set it
    /// to empty to clear the pod's earlier nomination (upstream's <c>NominatingMode</c> Override with no
    /// node); null leaves the nomination as it is.
    /// </summary>
    Status PostFilter(CycleState state, PodInfo pod, NodeToStatus filteredNodeStatuses, out string? nominatedNodeName);
}

/// <summary>Computes per-pod state once before scoring the feasible nodes.</summary>
public interface IPreScorePlugin : IPlugin
{
    /// <summary>Return <see cref="Status.Skip"/> to skip this plugin's Score (it then contributes 0).</summary>
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes);
}

/// <summary>Ranks the feasible nodes.</summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>The node's raw score; after normalization it must lie in 0..100.</summary>
    long Score(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>
/// A Score plugin that can also score many nodes in one call (one loop per plugin instead of one
/// interface call per node and plugin). The results must equal <see cref="IScorePlugin.Score"/>'s.
/// </summary>
public interface IBatchScorePlugin : IScorePlugin
{
    /// <summary>Sets <c>scores[i]</c> to the raw score of <c>nodes[i]</c>, for every i.</summary>
    void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores);
}

/// <summary>A score plugin's normalization over all scored nodes.</summary>
public interface IScoreExtensions
{
    /// <summary>Rescales the scores in place to 0..100.</summary>
    Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores);
}

/// <summary>
/// NormalizeScore over plain scores by node position (<c>nodes[i]</c> has <c>scores[i]</c>), for a plugin
/// whose normalization does not need the <see cref="NodeScore"/> pairs; the results must equal
/// <see cref="IScoreExtensions.NormalizeScore"/>'s.
/// </summary>
public interface IBatchScoreExtensions : IScoreExtensions
{
    /// <summary>Normalizes <paramref name="scores"/> in place.</summary>
    Status NormalizeScores(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores);
}

/// <summary>
/// A Score plugin that can tell, before scoring, that every node will end with the same score for the
/// pod in this cycle (for instance when the cluster has no taints, or no images): the cycle then adds
/// that score, weighted, to every node's total without scoring, normalizing and adding node by node.
/// The score must be the one Score and NormalizeScore would give every node.
/// </summary>
internal interface IUniformScorePlugin : IScorePlugin
{
    /// <summary>The final (normalized) score every node gets, when it is the same for all; false otherwise.</summary>
    bool TryUniformScore(CycleState state, PodInfo pod, out long score);
}

/// <summary>Holds resources for a pod once a node is chosen; undone if a later step fails.</summary>
public interface IReservePlugin : IPlugin
{
    /// <summary>Reserves for the pod on <paramref name="nodeName"/>.</summary>
    Status Reserve(CycleState state, PodInfo pod, string nodeName);

    /// <summary>Undoes <see cref="Reserve"/>.</summary>
    void Unreserve(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>Approves, rejects or delays the binding of a pod.</summary>
public interface IPermitPlugin : IPlugin
{
    /// <summary>Success, a rejection, or <see cref="StatusCode.Wait"/> with a timeout.</summary>
    Status Permit(CycleState state, PodInfo pod, string nodeName, out TimeSpan timeout);
}

/// <summary>Runs before binding (in the binding cycle).</summary>
public interface IPreBindPlugin : IPlugin
{
    /// <summary>Prepares the binding; a failure aborts it.</summary>
    Status PreBind(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>Binds a pod to a node.</summary>
public interface IBindPlugin : IPlugin
{
    /// <summary>Binds, or returns <see cref="Status.Skip"/> to let the next bind plugin do it.</summary>
    Status Bind(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>Informed after a successful bind.</summary>
public interface IPostBindPlugin : IPlugin
{
    /// <summary>The pod was bound to <paramref name="nodeName"/>.</summary>
    void PostBind(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>
/// Declares which cluster events may make a pod this plugin rejected schedulable (upstream's
/// <c>EnqueueExtensions</c> with queueing hints). Plugins without it are assumed to care about every event.
/// </summary>
public interface IEnqueueExtensions
{
    /// <summary>The events, each with an optional hint that looks at the change.</summary>
    IReadOnlyList<ClusterEventWithHint> EventsToRegister();
}

/// <summary>A node's score from one plugin.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Score">The score.</param>
public record struct NodeScore(string Name, long Score);

/// <summary>The nodes a PreFilter plugin restricts filtering to (upstream's <c>PreFilterResult</c>); null names mean all.</summary>
/// <param name="NodeNames">The node names, or null for all nodes.</param>
public sealed record PreFilterResult(IReadOnlySet<string>? NodeNames)
{
    /// <summary>True when every node is allowed.</summary>
    public bool AllNodes => NodeNames is null;

    /// <summary>The intersection with <paramref name="other"/>.</summary>
    public PreFilterResult Merge(PreFilterResult? other)
    {
        if (other is null || other.AllNodes)
        {
            return this;
        }

        if (AllNodes)
        {
            return other;
        }

        var names = new HashSet<string>(NodeNames!, StringComparer.Ordinal);
        names.IntersectWith(other.NodeNames!);
        return new PreFilterResult(names);
    }
}

/// <summary>
/// Why each node was rejected in one cycle (upstream's <c>NodeToStatus</c>): nodes absent from the
/// map but outside the PreFilter result share <see cref="AbsentNodesStatus"/>.
/// </summary>
/// <remarks>
/// A cycle that finds a node reads none of the statuses it recorded, so <see cref="Set"/> only appends:
/// the map is built, in the order of the calls (a later status of a node replaces an earlier one), the
/// first time it is read.
/// </remarks>
public sealed class NodeToStatus
{
    // Both made on first use: a cycle that finds a node records nothing.
    private Dictionary<string, Status>? _statuses;
    private List<KeyValuePair<string, Status>>? _pending;

    /// <summary>The status of nodes PreFilter excluded (UnschedulableAndUnresolvable), or success when none were.</summary>
    public Status AbsentNodesStatus { get; set; }

    /// <summary>The number of nodes with a recorded status.</summary>
    public int Count => Recorded.Count;

    /// <summary>The recorded statuses by node name.</summary>
    public IReadOnlyDictionary<string, Status> Statuses => Recorded;

    private Dictionary<string, Status> Recorded
    {
        get
        {
            _statuses ??= new(StringComparer.Ordinal);
            if (_pending is { Count: not 0 })
            {
                foreach (var (node, status) in _pending)
                {
                    _statuses[node] = status;
                }

                _pending.Clear();
            }

            return _statuses;
        }
    }

    /// <summary>Records a node's status.</summary>
    public void Set(string node, Status status)
    {
        ArgumentNullException.ThrowIfNull(node);
        (_pending ??= []).Add(new(node, status));
    }

    /// <summary>The node's status: recorded, else <see cref="AbsentNodesStatus"/>.</summary>
    public Status Get(string node) => Recorded.TryGetValue(node, out var status) ? status : AbsentNodesStatus;

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _pending?.Clear();
        _statuses?.Clear();
        AbsentNodesStatus = default;
    }
}
