using Sim.Cluster.Controllers;
using Sim.Cluster.Objects;
using static Sim.Cluster.Tests.Controllers.RankingTestPods;

namespace Sim.Cluster.Tests.Controllers;

// Cases ported from Kubernetes' pkg/controller/controller_utils_test.go, TestSortingActivePodsWithRanks
// (its equality and inequality tables, with the LogarithmicScaleDown gate on, its default, and the
// cases' comparison of Less(0, 1) and Less(1, 0) turned into Compare in both directions). Pods keep
// upstream's names. Upstream leaves uids empty, so same-bucket ties compare equal there and here (uid 0).
// Where upstream leaves a creation time unset on pods whose order is decided before creation times are
// looked at, ours are created at the start of the simulation.
//
// Left out or adapted:
// - Equality case "ready-now-created-then" appears twice upstream; ported once.
// - Inequality {ready-no-last-transition-time, 1} < {ready-now, 1}: left out. It tests that a Ready
//   condition without a LastTransitionTime counts as the most recently ready; in our model a ready pod
//   always has ReadySince.
// - Inequalities {not-ready, 1} < {ready-no-last-transition-time, 1} and {ready-now, 2} <
//   {ready-no-last-transition-time, 1}: adapted. Readiness and rank decide them before ready times are
//   compared, so "ready-since-start" (ready since the start of the simulation) stands in for the pod.
// - Inequality {low-deletion-cost, 2} < {high-deletion-cost, 1}: left out. Our pods carry no
//   annotations, hence no pod-deletion-cost; without it, the case would pass on rank alone and test
//   nothing it means to.
// - Inequality {high-deletion-cost, 2} < {low-deletion-cost, 1} with the PodDeletionCost gate off:
//   ported; with no cost in play the rank decides, which is what it checks.
// - disableLogarithmicScaleDown: no upstream case sets it, and the feature is GA and locked on since 1.31.
//
// The cases under "Beyond upstream" are ours: upstream has no test of the uid tie-break between
// different timestamps in one bucket, nor of a bucket's edge.
public class ActivePodsRankingTests
{
    private static readonly Pod Unscheduled = Pod("unscheduled", "", PodPhase.Pending, created: Start);
    private static readonly Pod ScheduledPending = Pod("pending", "node", PodPhase.Pending, created: Start);
    private static readonly Pod UnknownPhase = Pod("unknown-phase", "node", PodPhase.Unknown, created: Start);
    private static readonly Pod RunningNotReady = Pod("not-ready", "node", PodPhase.Running, created: Start);
    private static readonly Pod RunningReadySinceStart = Pod("ready-since-start", "node", PodPhase.Running, readySince: Start, created: Start);
    private static readonly Pod RunningReadyNow = Pod("ready-now", "node", PodPhase.Running, readySince: Now, created: Now);
    private static readonly Pod RunningReadyThen = Pod("ready-then", "node", PodPhase.Running, readySince: Then1Month, created: Then1Month);
    private static readonly Pod RunningReadyNowHighRestarts = Pod("ready-high-restarts", "node", PodPhase.Running, readySince: Now, restarts: 9001, created: Now);
    private static readonly Pod RunningReadyNowCreatedThen = Pod("ready-now-created-then", "node", PodPhase.Running, readySince: Now, created: Then1Month);

    // Upstream gives these two a pod-deletion-cost of 10 and 100; ours carry none, so they differ only in name.
    private static readonly Pod LowPodDeletionCost = Pod("low-deletion-cost", "node", PodPhase.Running, readySince: Now, created: Then1Month);
    private static readonly Pod HighPodDeletionCost = Pod("high-deletion-cost", "node", PodPhase.Running, readySince: Now, created: Then1Month);

    // Upstream passes a ready time to the two unscheduled pods but marks them not ready, so it is unused.
    private static readonly Pod Unscheduled5Hours = Pod("unscheduled-5-hours", "", PodPhase.Pending, created: Then5Hours);
    private static readonly Pod Unscheduled8Hours = Pod("unscheduled-10-hours", "", PodPhase.Pending, created: Then8Hours);
    private static readonly Pod Ready2Hours = Pod("ready-2-hours", "", PodPhase.Running, readySince: Then2Hours, created: Then1Month);
    private static readonly Pod Ready5Hours = Pod("ready-5-hours", "", PodPhase.Running, readySince: Then5Hours, created: Then1Month);
    private static readonly Pod Ready10Hours = Pod("ready-10-hours", "", PodPhase.Running, readySince: Then8Hours, created: Then1Month);

    private static readonly ActivePodsRanking Ranking = new(Now);

    private static readonly object[] EqualityCases =
    [
        Equal(Unscheduled),
        Equal(ScheduledPending),
        Equal(UnknownPhase),
        Equal(RunningNotReady),
        Equal(RunningReadyNowCreatedThen),
        Equal(RunningReadyNow),
        Equal(RunningReadyThen),
        Equal(RunningReadyNowHighRestarts),
        Equal(Unscheduled5Hours, Unscheduled8Hours),
        Equal(Ready5Hours, Ready10Hours),
    ];

    private static readonly object[] InequalityCases =
    [
        Less(Unscheduled, 1, ScheduledPending, 2),
        Less(Unscheduled, 2, ScheduledPending, 1),
        Less(ScheduledPending, 1, UnknownPhase, 2),
        Less(UnknownPhase, 1, RunningNotReady, 2),
        Less(RunningNotReady, 1, RunningReadySinceStart, 1),
        Less(RunningReadyNow, 2, RunningReadySinceStart, 1),
        Less(RunningReadyNow, 1, RunningReadyThen, 1),
        Less(RunningReadyNow, 2, RunningReadyThen, 1),
        Less(RunningReadyNowHighRestarts, 1, RunningReadyNow, 1),
        Less(RunningReadyNow, 2, RunningReadyNowHighRestarts, 1),
        Less(RunningReadyNow, 1, RunningReadyNowCreatedThen, 1),
        Less(RunningReadyNowCreatedThen, 2, RunningReadyNow, 1),
        Less(HighPodDeletionCost, 2, LowPodDeletionCost, 1),
        Less(Ready2Hours, 1, Ready5Hours, 1),
    ];

    // Beyond upstream. 5 h and 6 h are both in bucket 44 (2^44 ns is about 4.9 h, 2^45 about 9.8 h).
    // 10995116277 ticks is 1099511627700 ns, just under 2^40 ns (1099511627776); one tick more is past it.
    private static readonly object[] BeyondUpstreamCases =
    [
        new TestCaseData(
                new RankedPod(Pod("ready-5-hours-uid-1", "node", PodPhase.Running, readySince: Now - TimeSpan.FromHours(5), uid: 1), 1),
                new RankedPod(Pod("ready-6-hours-uid-2-many-restarts", "node", PodPhase.Running, readySince: Now - TimeSpan.FromHours(6), restarts: 9, uid: 2), 1))
            .SetName("ready times in one bucket go to the lower uid, and restarts are never looked at"),
        new TestCaseData(
                new RankedPod(Pod("created-6-hours-uid-1", "node", PodPhase.Running, readySince: Then1Month, created: Now - TimeSpan.FromHours(6), uid: 1), 1),
                new RankedPod(Pod("created-5-hours-uid-2", "node", PodPhase.Running, readySince: Then1Month, created: Now - TimeSpan.FromHours(5), uid: 2), 1))
            .SetName("creation times in one bucket go to the lower uid, not to the newer pod"),
        new TestCaseData(
                new RankedPod(Pod("ready-just-under-2^40-ns-uid-2", "node", PodPhase.Running, readySince: Now - TimeSpan.FromTicks(10995116277), uid: 2), 1),
                new RankedPod(Pod("ready-just-over-2^40-ns-uid-1", "node", PodPhase.Running, readySince: Now - TimeSpan.FromTicks(10995116278), uid: 1), 1))
            .SetName("a bucket ends at a power of two nanoseconds, whatever the uids"),
        new TestCaseData(
                new RankedPod(Pod("succeeded", "node", PodPhase.Succeeded), 1),
                new RankedPod(Pod("unknown", "node", PodPhase.Unknown), 1))
            .SetName("a Succeeded pod goes before an Unknown one, as a Pending pod would"),
    ];

    private static readonly object[] BeyondUpstreamEqualityCases =
    [
        new TestCaseData(
                new RankedPod(Pod("succeeded", "node", PodPhase.Succeeded), 1),
                new RankedPod(Pod("pending", "node", PodPhase.Pending), 1))
            .SetName("a Succeeded pod ranks with Pending ones, as upstream's phase map leaves it"),
    ];

    private static readonly object[] BucketCases =
    [
        new TestCaseData(TimeSpan.Zero, -1).SetName("no age is bucket -1"),
        new TestCaseData(TimeSpan.FromTicks(-1), -1).SetName("a time after now is bucket -1"),
        new TestCaseData(TimeSpan.FromTicks(1), 6).SetName("100 ns is bucket 6"),
        new TestCaseData(TimeSpan.FromTicks(10995116277), 39).SetName("just under 2^40 ns is bucket 39"),
        new TestCaseData(TimeSpan.FromTicks(10995116278), 40).SetName("just over 2^40 ns is bucket 40"),
        new TestCaseData(TimeSpan.FromDays(30), 51).SetName("a month is bucket 51"),
        new TestCaseData(TimeSpan.MaxValue, 69).SetName("the longest time span does not overflow"),
    ];

    [TestCaseSource(nameof(EqualityCases))]
    [TestCaseSource(nameof(BeyondUpstreamEqualityCases))]
    public void Pods_that_no_rule_tells_apart_compare_equal(RankedPod first, RankedPod second)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ranking.Compare(first, second), Is.Zero);
            Assert.That(Ranking.Compare(second, first), Is.Zero);
        }
    }

    [TestCaseSource(nameof(InequalityCases))]
    [TestCaseSource(nameof(BeyondUpstreamCases))]
    public void The_pod_to_delete_first_compares_lower(RankedPod lesser, RankedPod greater)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ranking.Compare(lesser, greater), Is.Negative);
            Assert.That(Ranking.Compare(greater, lesser), Is.Positive);
        }
    }

    [TestCaseSource(nameof(BucketCases))]
    public void A_timestamps_bucket_is_the_floor_of_log2_of_its_age_in_nanoseconds(TimeSpan age, int expected)
    {
        Assert.That(ActivePodsRanking.LogarithmicBucket(age), Is.EqualTo(expected));
    }

    private static TestCaseData Equal(Pod first, Pod? second = null)
    {
        second ??= first;
        var name = ReferenceEquals(first, second) ? first.Metadata.Name : $"{first.Metadata.Name} and {second.Metadata.Name}";
        return new TestCaseData(new RankedPod(first, 1), new RankedPod(second, 1)).SetName(name);
    }

    private static TestCaseData Less(Pod lesser, int lesserRank, Pod greater, int greaterRank) =>
        new TestCaseData(new RankedPod(lesser, lesserRank), new RankedPod(greater, greaterRank))
            .SetName($"{lesser.Metadata.Name} (rank {lesserRank}) before {greater.Metadata.Name} (rank {greaterRank})");
}
