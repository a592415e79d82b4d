using Sim.Cluster.Objects;
using Sim.Engine.Randomness;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// The PostFilter that preempts (upstream's <c>DefaultPreemption</c> with the <c>preemption.Evaluator</c>):
/// when a pod fits nowhere, it dry-runs removing lower-priority pods on the nodes where that might
/// help, picks the node whose victims hurt least, deletes them gracefully, clears the nominations of
/// lower-priority pods to that node and returns it as the preemptor's nominated node.
/// </summary>
/// <remarks>
/// Upstream: <c>pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go</c> and
/// <c>pkg/scheduler/framework/preemption/preemption.go</c>. The dry run is sequential, in the
/// snapshot's node order from a random offset (upstream runs it on 16 goroutines and stops when
/// enough candidates are found). Deletions are synchronous API writes (the API is in-process), so
/// <c>SchedulerAsyncPreemption</c> has nothing to hold back; there are no extenders.
/// </remarks>
public sealed partial class DefaultPreemption : IPostFilterPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DefaultPreemption";

    /// <summary>The status reason set on a victim while it terminates (upstream's <c>DisruptionTarget</c> condition reason).</summary>
    public const string PreemptionByScheduler = "PreemptionByScheduler";

    private readonly DefaultPreemptionArgs _args;
    private readonly IFrameworkHandle _handle;

    /// <summary>Creates the plugin; throws <see cref="SchedulerConfigException"/> when <paramref name="args"/> are invalid.</summary>
    public DefaultPreemption(DefaultPreemptionArgs args, IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(handle);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException($"{PluginName} args: {string.Join("; ", errors)}");
        }

        _args = args;
        _handle = handle;
        SimRandom random = handle.RandomFor(PluginName);
        RandomOffset = random.Next;
        IsEligiblePod = static (_, _, _) => true;
        MoreImportantPod = (a, b) => PodImportance.MoreImportant(a, b, _handle.Now);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>
    /// An extra rule on which pods may be victims (<c>node, victim, preemptor</c>), besides having a
    /// lower priority than the preemptor. Allows every one by default.
    /// </summary>
    public Func<NodeInfo, PodInfo, Pod, bool> IsEligiblePod { get; set; }

    /// <summary>True when the first pod matters more than the second: higher priority, then earlier start, by default.</summary>
    public Func<Pod, Pod, bool> MoreImportantPod { get; set; }

    /// <summary>Where the candidate search starts among <c>n</c> nodes: uniform in [0, n) from the plugin's own stream.</summary>
    public Func<int, int> RandomOffset { get; set; }

    /// <inheritdoc />
    public Status PostFilter(CycleState state, PodInfo pod, NodeToStatus filteredNodeStatuses, out string? nominatedNodeName)
    {
        var status = Preempt(state, pod, filteredNodeStatuses, out nominatedNodeName);
        var message = status.Message;
        return message.Length != 0 ? Status.Of(status.Code, "preemption: " + message) : status;
    }

    /// <summary>
    /// Upstream's <c>Evaluator.Preempt</c> (without the "preemption: " prefix PostFilter adds). On success
    /// <paramref name="nominatedNodeName"/> is the chosen node; when no node can be made to fit it is
    /// empty (the pod's nomination should be cleared); when the pod may not preempt, or on an error, it
    /// is null (the nomination stays).
    /// </summary>
    public Status Preempt(CycleState state, PodInfo pod, NodeToStatus filteredNodeStatuses, out string? nominatedNodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(filteredNodeStatuses);
        nominatedNodeName = null;

        // 0) The latest version of the pod: its nominated node may have changed.
        var latest = pod.Pod;
        if (_handle.Client is { } client)
        {
            latest = client.Get<Pod>(pod.Pod.Key);
            if (latest is null)
            {
                return Status.Error($"pod \"{pod.Name}\" not found");
            }
        }

        // 1) May it preempt at all?
        var (eligible, reason) = PodEligibleToPreemptOthers(latest, filteredNodeStatuses.Get(latest.Status.NominatedNodeName));
        if (!eligible)
        {
            return Status.Unschedulable(reason);
        }

        // 2) The candidates.
        var allNodes = _handle.Snapshot.NodeInfos;
        if (allNodes.Count == 0)
        {
            return Status.Error("no nodes available");
        }

        var dryRun = FindCandidates(state, pod, allNodes, filteredNodeStatuses);
        if (dryRun.Candidates.Count == 0)
        {
            if (dryRun.Errors.Count != 0)
            {
                return Status.Error(AggregateMessage(dryRun.Errors));
            }

            nominatedNodeName = string.Empty;
            return Status.Unschedulable(FitErrorMessage(allNodes.Count, dryRun.NodeStatuses));
        }

        // 3) No extenders. 4) The best candidate.
        var best = CandidateSelection.Select(dryRun.Candidates, _handle.Now);
        if (best is null || best.NodeName.Length == 0)
        {
            return Status.Unschedulable("no candidate node for preemption");
        }

        // 5) Delete the victims and clear lower-priority nominations to that node.
        var prepared = PrepareCandidate(best, latest);
        if (!prepared.IsSuccess)
        {
            return prepared;
        }

        nominatedNodeName = best.NodeName;
        return Status.Success;
    }

    /// <summary>
    /// Whether <paramref name="pod"/> may preempt: not with <c>preemptionPolicy: Never</c>, and not while
    /// a lower-priority pod it preempted on its nominated node is still terminating — unless that node
    /// now rejects it for good (<paramref name="nominatedNodeStatus"/> UnschedulableAndUnresolvable).
    /// </summary>
    public (bool Eligible, string Reason) PodEligibleToPreemptOthers(Pod pod, Status nominatedNodeStatus)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec.PreemptionPolicy == PreemptionPolicy.Never)
        {
            return (false, "not eligible due to preemptionPolicy=Never.");
        }

        var nominated = pod.Status.NominatedNodeName;
        if (nominated.Length != 0)
        {
            if (nominatedNodeStatus.Code == StatusCode.UnschedulableAndUnresolvable)
            {
                return (true, string.Empty);
            }

            if (_handle.Snapshot.Get(nominated) is { } node)
            {
                foreach (var p in node.Pods)
                {
                    if (IsPreemptionAllowed(node, p, pod) && IsTerminatingByPreemption(p.Pod))
                    {
                        return (false, "not eligible due to a terminating pod on the nominated node.");
                    }
                }
            }
        }

        return (true, string.Empty);
    }

    /// <summary>
    /// How many candidates a dry run over <paramref name="numNodes"/> nodes looks for:
    /// <c>max(numNodes × percentage / 100, absolute)</c>, at most <paramref name="numNodes"/>.
    /// </summary>
    public int CalculateNumCandidates(int numNodes)
    {
        var n = numNodes * _args.MinCandidateNodesPercentage / 100;
        if (n < _args.MinCandidateNodesAbsolute)
        {
            n = _args.MinCandidateNodesAbsolute;
        }

        return n > numNodes ? numNodes : n;
    }

    /// <summary>A random start offset in [0, <paramref name="numNodes"/>) and <see cref="CalculateNumCandidates"/>.</summary>
    public (int Offset, int NumCandidates) GetOffsetAndNumCandidates(int numNodes) =>
        (RandomOffset(numNodes), CalculateNumCandidates(numNodes));

    /// <summary>No events: with synchronous preemption the plugin never rejects a pod itself (upstream registers none either).</summary>
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() => [];

    private bool IsPreemptionAllowed(NodeInfo node, PodInfo victim, Pod preemptor) =>
        victim.Pod.Spec.Priority < preemptor.Spec.Priority && IsEligiblePod(node, victim, preemptor);

    private static bool IsTerminatingByPreemption(Pod pod) =>
        pod.DeletionRequestedAt is not null && pod.Status.Reason == PreemptionByScheduler;

    private static string AggregateMessage(IReadOnlyList<Status> errors) =>
        errors.Count == 1 ? errors[0].Message : "[" + string.Join(", ", errors.Select(e => e.Message)) + "]";

    private static string FitErrorMessage(int numAllNodes, NodeToStatus dryRunStatuses)
    {
        // As upstream's FitError: the nodes the dry run did not reject (those where preemption could not help) share the absent-nodes status.
        dryRunStatuses.AbsentNodesStatus = Status.UnschedulableAndUnresolvable("Preemption is not helpful for scheduling");
        return new ScheduleResult { Diagnosis = dryRunStatuses, NumAllNodes = numAllNodes }.FitErrorMessage();
    }
}
