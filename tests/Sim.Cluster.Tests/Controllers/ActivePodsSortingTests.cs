using Sim.Cluster.Controllers;
using Sim.Cluster.Objects;
using static Sim.Cluster.Tests.Controllers.RankingTestPods;

namespace Sim.Cluster.Tests.Controllers;

// Cases ported from Kubernetes' pkg/controller/controller_utils_test.go, TestSortingActivePods
// ("Sorts by active pod"): nine pods, shuffled and sorted, must come out in one order. Upstream sorts
// with ActivePods, the rank-less comparer that compares times linearly; we sort with ActivePodsRanking,
// every pod at the same rank, and the expected order is the same: no two of these pods share a
// logarithmic bucket unless their times are equal. Upstream shuffles with 20 random permutations; we
// use fixed ones (every rotation of the expected order and of its reverse, and an interleaving) so the
// test is deterministic.
//
// Left out or adapted:
// - "runningNoLastTransitionTime" (ready without a LastTransitionTime, expected between
//   "runningButNotReady" and "runningWithLastTransitionTime"): left out, since in our model a ready pod
//   always has ReadySince. The other eight keep upstream's relative order.
// - Restarts: upstream's ready pods have two containers, restarting {3, 0} and {2, 1} times, and it
//   compares the per-container maximum, 3 against 2. Our pods carry one count, so they get 3 and 2, the
//   figures upstream compares. (Their totals, 3 and 3, would tie; see ActivePodsRanking's remarks.)
// - Creation times upstream leaves unset are the start of the simulation here; none of them decides
//   an order.
public class ActivePodsSortingTests
{
    private static readonly Pod[] ExpectedOrder =
    [
        Pod("unscheduled", "", PodPhase.Pending, created: Start),
        Pod("scheduledButPending", "bar", PodPhase.Pending, created: Start),
        Pod("unknownPhase", "foo", PodPhase.Unknown, created: Start),
        Pod("runningButNotReady", "foo", PodPhase.Running, created: Start),
        Pod("runningWithLastTransitionTime", "foo", PodPhase.Running, readySince: Now, restarts: 3, created: Start),
        Pod("runningLongerTime", "foo", PodPhase.Running, readySince: Then1Month, restarts: 3, created: Start),
        Pod("lowerContainerRestartCount", "foo", PodPhase.Running, readySince: Then1Month, restarts: 2, created: Now),
        Pod("oldest", "foo", PodPhase.Running, readySince: Then1Month, restarts: 2, created: Then1Month),
    ];

    private static IEnumerable<TestCaseData> Shuffles()
    {
        var count = ExpectedOrder.Length;
        for (var shift = 0; shift < count; shift++)
        {
            yield return Shuffle($"rotated by {shift}", i => (i + shift) % count);
            yield return Shuffle($"reversed and rotated by {shift}", i => (count - 1 - i + shift) % count);
        }

        yield return Shuffle("odd positions first, then even ones", i => i < (count + 1) / 2 ? (2 * i) + 1 : 2 * (i - ((count + 1) / 2)));
    }

    [TestCaseSource(nameof(Shuffles))]
    public void Shuffled_pods_sort_into_the_deletion_order(Pod[] shuffled)
    {
        var ranked = Array.ConvertAll(shuffled, pod => new RankedPod(pod, 0));

        Array.Sort(ranked, new ActivePodsRanking(Now));

        Assert.That(
            ranked.Select(r => r.Pod.Metadata.Name),
            Is.EqualTo(ExpectedOrder.Select(pod => pod.Metadata.Name)));
    }

    private static TestCaseData Shuffle(string name, Func<int, int> source)
    {
        var shuffled = new Pod[ExpectedOrder.Length];
        for (var i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = ExpectedOrder[source(i)];
        }

        if (shuffled.Distinct().Count() != shuffled.Length)
        {
            throw new InvalidOperationException($"The shuffle \"{name}\" is not a permutation.");
        }

        return new TestCaseData(new object[] { shuffled }).SetName(name);
    }
}
