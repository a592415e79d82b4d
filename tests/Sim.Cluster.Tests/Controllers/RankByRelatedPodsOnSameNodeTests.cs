using Sim.Cluster.Controllers;
using Sim.Cluster.Objects;
using static Sim.Cluster.Tests.Controllers.RankingTestPods;

namespace Sim.Cluster.Tests.Controllers;

// The "Selects" cases are ported from Kubernetes' pkg/controller/replicaset/replica_set_test.go,
// TestGetPodsToDelete, which ranks pods with getPodsRankedByRelatedPodsOnSameNode, sorts them with
// ActivePodsWithRanks and takes the first diff. We do the same with RankByRelatedPodsOnSameNode,
// ActivePodsRanking and the first diff of the sorted array. "related" defaults to the pods, as upstream.
// Upstream's running pods are ready (its newPod adds a true Ready condition without a transition time)
// except the one it marks not ready; ours are ready since a month ago. Upstream's uids are random and
// its creation times unset; no case depends on them.
//
// Left out: "diff = len(pods)", "various pod phases and conditions, diff = len(pods)" and its
// "relatedPods empty" variant. They check that getPodsToDelete skips sorting and returns its input
// as is when every pod goes, a shortcut of getPodsToDelete itself, which is not ported here.
//
// The "Ranks" cases are ours: upstream has no direct test of the ranking helper.
public class RankByRelatedPodsOnSameNodeTests
{
    private static readonly Pod UnscheduledPendingPod = Pod("unscheduled-pending-pod", "", PodPhase.Pending, uid: 1);
    private static readonly Pod ScheduledPendingPod = Pod("scheduled-pending-pod", "fake-node", PodPhase.Pending, uid: 2);
    private static readonly Pod ScheduledRunningNotReadyPod = Pod("scheduled-running-not-ready-pod", "fake-node", PodPhase.Running, uid: 3);
    private static readonly Pod ScheduledRunningReadyPodOnNode1 = Pod("scheduled-running-ready-pod-on-node-1", "fake-node-1", PodPhase.Running, readySince: Then1Month, uid: 4);
    private static readonly Pod ScheduledRunningReadyPodOnNode2 = Pod("scheduled-running-ready-pod-on-node-2", "fake-node-2", PodPhase.Running, readySince: Then1Month, uid: 5);

    private static readonly object[] SelectionCases =
    [
        Select("len(pods) = 0 (i.e., diff = 0 too)", [], null, 0, []),
        Select(
            "diff < len(pods)",
            [ScheduledRunningReadyPodOnNode1, ScheduledRunningNotReadyPod],
            null,
            1,
            [ScheduledRunningNotReadyPod]),
        Select(
            "scheduled vs unscheduled, diff < len(pods)",
            [ScheduledPendingPod, UnscheduledPendingPod],
            null,
            1,
            [UnscheduledPendingPod]),
        Select(
            "ready vs not-ready, diff < len(pods)",
            [ScheduledRunningReadyPodOnNode1, ScheduledRunningNotReadyPod, ScheduledRunningNotReadyPod],
            null,
            2,
            [ScheduledRunningNotReadyPod, ScheduledRunningNotReadyPod]),
        Select(
            "ready and colocated with another ready pod vs not colocated, diff < len(pods)",
            [ScheduledRunningReadyPodOnNode1, ScheduledRunningReadyPodOnNode2],
            [ScheduledRunningReadyPodOnNode1, ScheduledRunningReadyPodOnNode2, ScheduledRunningReadyPodOnNode2],
            1,
            [ScheduledRunningReadyPodOnNode2]),
        Select(
            "pending vs running, diff < len(pods)",
            [ScheduledPendingPod, ScheduledRunningNotReadyPod],
            null,
            1,
            [ScheduledPendingPod]),
        Select(
            "various pod phases and conditions, diff < len(pods)",
            [ScheduledRunningReadyPodOnNode1, ScheduledRunningReadyPodOnNode2, ScheduledRunningNotReadyPod, ScheduledPendingPod, UnscheduledPendingPod],
            null,
            3,
            [UnscheduledPendingPod, ScheduledPendingPod, ScheduledRunningNotReadyPod]),
    ];

    [TestCaseSource(nameof(SelectionCases))]
    public void Selects_the_pods_upstream_deletes(Pod[] pods, Pod[]? related, int diff, Pod[] expected)
    {
        var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode(pods, related ?? pods);
        Array.Sort(ranked, new ActivePodsRanking(Now));

        Assert.That(
            ranked.Take(diff).Select(r => r.Pod.Metadata.Name),
            Is.EqualTo(expected.Select(pod => pod.Metadata.Name)));
    }

    [Test]
    public void Ranks_each_pod_by_the_active_related_pods_on_its_node_itself_included()
    {
        var a1 = Pod("a1", "a", PodPhase.Running);
        var b1 = Pod("b1", "b", PodPhase.Running);
        Pod[] related = [a1, Pod("a2", "a", PodPhase.Running), Pod("a3", "a", PodPhase.Pending), b1];

        var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode([a1, b1], related);

        Assert.That(ranked, Is.EqualTo(new[] { new RankedPod(a1, 3), new RankedPod(b1, 1) }));
    }

    [Test]
    public void Ranks_without_counting_finished_pods_or_pods_being_deleted()
    {
        var a1 = Pod("a1", "a", PodPhase.Running);
        Pod[] related =
        [
            a1,
            Pod("succeeded", "a", PodPhase.Succeeded),
            Pod("failed", "a", PodPhase.Failed),
            Pod("deleting", "a", PodPhase.Running, deletionRequestedAt: Now),
        ];

        var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode([a1], related);

        Assert.That(ranked.Single().Rank, Is.EqualTo(1));
    }

    [Test]
    public void Ranks_a_pod_zero_when_no_related_pod_is_on_its_node()
    {
        var c1 = Pod("c1", "c", PodPhase.Running);

        var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode([c1], [Pod("a1", "a", PodPhase.Running)]);

        Assert.That(ranked.Single().Rank, Is.Zero);
    }

    [Test]
    public void Ranks_an_unassigned_pod_by_the_active_unassigned_related_pods_as_upstream_does()
    {
        var unassigned = Pod("u1", "", PodPhase.Pending);
        Pod[] related = [unassigned, Pod("u2", "", PodPhase.Pending), Pod("a1", "a", PodPhase.Running)];

        var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode([unassigned], related);

        Assert.That(ranked.Single().Rank, Is.EqualTo(2));
    }

    private static TestCaseData Select(string name, Pod[] pods, Pod[]? related, int diff, Pod[] expected) =>
        new TestCaseData(pods, related, diff, expected).SetName(name);
}
