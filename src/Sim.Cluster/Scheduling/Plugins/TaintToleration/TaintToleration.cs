using System.Collections.Immutable;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.TaintToleration;

/// <summary>
/// Keeps pods off nodes whose NoSchedule and NoExecute taints they do not tolerate, and prefers nodes
/// with fewer untolerated PreferNoSchedule taints. The default profile weighs its score 3.
/// </summary>
/// <remarks>
/// Upstream: <c>pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go</c>. The Filter
/// reason is the generic one of v1.35 (back-ported to v1.32–v1.34 patch releases), which no longer
/// names the taint. The alpha comparison operators for tolerations (Gt/Lt) are not modelled.
/// </remarks>
public sealed class TaintToleration : IBatchFilterPlugin, IPreScorePlugin, IBatchScorePlugin, IBatchScoreExtensions, IUniformScorePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "TaintToleration";

    /// <summary>The rejection reason when a NoSchedule or NoExecute taint is not tolerated.</summary>
    public const string ErrReasonNotMatch = "node(s) had untolerated taint(s)";

    private static readonly StateKey<PreScoreState> PreScoreKey = new("PreScore" + PluginName);

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        return FindUntoleratedDoNotScheduleTaint(node.Taints, pod.Pod.Spec.Tolerations) is null
            ? Status.Success
            : Status.UnschedulableAndUnresolvable(ErrReasonNotMatch);
    }

    /// <inheritdoc />
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if ((state.Facts & SnapshotFacts.NoTaints) != 0)
        {
            return;
        }

        var tolerations = pod.Pod.Spec.Tolerations;
        for (var i = 0; i < nodes.Length; i++)
        {
            var taints = nodes[i].Taints;
            if (passes[i] && !taints.IsDefaultOrEmpty && FindUntoleratedDoNotScheduleTaint(taints, tolerations) is not null)
            {
                passes[i] = false;
            }
        }
    }

    /// <summary>Keeps the pod's tolerations of <c>PreferNoSchedule</c> taints (or of every effect) for Score.</summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        state.Write(PreScoreKey, PreScoreState.Of(pod.Pod.Spec.Tolerations));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);

        // Without PreScore (only when called directly), derive the tolerations here.
        var tolerations = (state.Read(PreScoreKey) ?? PreScoreState.Of(pod.Pod.Spec.Tolerations)).TolerationsPreferNoSchedule;
        return CountIntolerable(node.Taints, tolerations);
    }

    /// <inheritdoc />
    public void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if ((state.Facts & SnapshotFacts.NoTaints) != 0)
        {
            // No taint anywhere: nothing intolerable on any node.
            scores[..nodes.Length].Clear();
            return;
        }

        var tolerations = (state.Read(PreScoreKey) ?? PreScoreState.Of(pod.Pod.Spec.Tolerations)).TolerationsPreferNoSchedule;
        for (var i = 0; i < nodes.Length; i++)
        {
            var taints = nodes[i].Taints;
            scores[i] = taints.IsDefaultOrEmpty ? 0 : CountIntolerable(taints, tolerations);
        }
    }

    /// <summary>With no taint anywhere every node counts 0 intolerable taints, which normalize to 100.</summary>
    bool IUniformScorePlugin.TryUniformScore(CycleState state, PodInfo pod, out long score)
    {
        score = Helper.NormalizeScore.MaxNodeScore;
        return (state.Facts & SnapshotFacts.NoTaints) != 0;
    }

    /// <inheritdoc cref="NormalizeScore"/>
    public Status NormalizeScores(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores) =>
        Helper.NormalizeScore.Default(Helper.NormalizeScore.MaxNodeScore, reverse: true, scores);

    /// <summary>Reverses the counts onto 0..100: the node with the most intolerable taints gets 0.</summary>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores) =>
        Helper.NormalizeScore.Default(Helper.NormalizeScore.MaxNodeScore, reverse: true, scores);

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint), IsSchedulableAfterNodeChange),
        new(new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodTolerations), IsSchedulableAfterPodTolerationChange),
    ];

    /// <summary>
    /// Queueing hint for node events: requeue only when the node went from having an untolerated
    /// NoSchedule/NoExecute taint (or not existing) to having none. Objects of the wrong type requeue.
    /// </summary>
    public static QueueingHint IsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (newObject is not Node modified || (oldObject is not null && oldObject is not Node))
        {
            return QueueingHint.Queue;
        }

        var wasUntolerated = oldObject is not Node original
            || FindUntoleratedDoNotScheduleTaint(original.Spec.Taints, pod.Spec.Tolerations) is not null;
        var isUntolerated = FindUntoleratedDoNotScheduleTaint(modified.Spec.Taints, pod.Spec.Tolerations) is not null;
        return wasUntolerated && !isUntolerated ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>
    /// Queueing hint for toleration changes: requeue when the changed pod is the waiting pod itself and its
    /// tolerations changed (upstream checks the first; the event registered guarantees the second, which
    /// upstream's earlier <c>isSchedulableAfterPodChange</c> checked itself). Objects of the wrong type requeue.
    /// </summary>
    public static QueueingHint IsSchedulableAfterPodTolerationChange(Pod pod, object? oldObject, object? newObject)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (newObject is not Pod modified || (oldObject is not null && oldObject is not Pod))
        {
            return QueueingHint.Queue;
        }

        var tolerationsChanged = oldObject is not Pod original || !original.Spec.Tolerations.SequenceEqual(modified.Spec.Tolerations);
        return pod.Metadata.Uid == modified.Metadata.Uid && tolerationsChanged ? QueueingHint.Queue : QueueingHint.QueueSkip;
    }

    /// <summary>The first NoSchedule or NoExecute taint none of <paramref name="tolerations"/> tolerates, or null (upstream's <c>FindMatchingUntoleratedTaint</c>).</summary>
    public static Taint? FindUntoleratedDoNotScheduleTaint(ImmutableArray<Taint> taints, ImmutableArray<Toleration> tolerations)
    {
        foreach (var taint in taints)
        {
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !Tolerate(tolerations.AsSpan(), taint))
            {
                return taint;
            }
        }

        return null;
    }

    private static long CountIntolerable(ImmutableArray<Taint> taints, Toleration[] tolerations)
    {
        long intolerable = 0;
        foreach (var taint in taints)
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule && !Tolerate(tolerations, taint))
            {
                intolerable++;
            }
        }

        return intolerable;
    }

    private static bool Tolerate(ReadOnlySpan<Toleration> tolerations, Taint taint)
    {
        foreach (var toleration in tolerations)
        {
            if (toleration.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pod's tolerations that can tolerate a PreferNoSchedule taint (effect empty or PreferNoSchedule).</summary>
    private sealed class PreScoreState : IStateData
    {
        private static readonly PreScoreState None = new([]);

        private PreScoreState(Toleration[] tolerations) => TolerationsPreferNoSchedule = tolerations;

        public Toleration[] TolerationsPreferNoSchedule { get; }

        public static PreScoreState Of(ImmutableArray<Toleration> tolerations)
        {
            var count = 0;
            foreach (var toleration in tolerations)
            {
                if (toleration.Effect is null or TaintEffect.PreferNoSchedule)
                {
                    count++;
                }
            }

            if (count == 0)
            {
                return None;
            }

            var list = new Toleration[count];
            count = 0;
            foreach (var toleration in tolerations)
            {
                if (toleration.Effect is null or TaintEffect.PreferNoSchedule)
                {
                    list[count++] = toleration;
                }
            }

            return new PreScoreState(list);
        }

        // Not changed by preemption's pod additions and removals: sharing is safe.
        public IStateData Clone() => this;
    }
}
