using System.Runtime.InteropServices;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The order in which a ReplicaSet or ReplicationController picks pods to delete when it scales down:
/// the pods to delete first compare lowest. A port of Kubernetes' <c>ActivePodsWithRanks.Less</c>
/// (<c>pkg/controller/controller_utils.go</c>). The rules apply in turn until one tells two pods apart:
/// <list type="number">
/// <item>a pod not bound to a node before a bound one;</item>
/// <item>by phase: Pending, then Unknown, then Running;</item>
/// <item>a pod that is not ready before a ready one;</item>
/// <item>upstream: lower <c>controller.kubernetes.io/pod-deletion-cost</c> annotation first. Our pods
/// carry no annotations, so every pod has upstream's default cost 0 and this rule never decides;</item>
/// <item>higher <see cref="RankedPod.Rank"/> first: pods doubled up on a node go first;</item>
/// <item>when both are ready, and became ready at different times, the one ready for less time first,
/// compared in logarithmic buckets (see remarks);</item>
/// <item>more restarts first;</item>
/// <item>when created at different times, the newer first, in logarithmic buckets.</item>
/// </list>
/// Pods that no rule tells apart compare equal.
/// </summary>
/// <remarks>
/// <para><b>Logarithmic buckets.</b> Upstream's LogarithmicScaleDown feature (beta and on by default
/// since Kubernetes 1.22, GA and locked on since 1.31) is always on here; there is no linear mode. A
/// timestamp's bucket is ⌊log₂ n⌋ where n is the number of nanoseconds from it to <see cref="Now"/>, or
/// -1 when it is not before now; the smaller bucket (more recent) comes first. Two different timestamps
/// in the same bucket are ordered by ascending <see cref="ObjectMeta.Uid"/>, and that decision is final:
/// a ready-time tie within a bucket goes to the uid without looking at restarts or creation, exactly as
/// upstream. Upstream's uids are random UUIDs compared as text, which makes the order among pods of
/// similar age pseudo-random; ours are server-assigned counters compared as numbers, so that order is
/// creation order here. We compute the bucket exactly with integers; upstream computes
/// <c>int64(math.Log2(float64(n)))</c>, whose floating-point rounding can put an age lying just below a
/// power of two into the next bucket: by about a nanosecond at three days, some hundred nanoseconds at a
/// year; shorter ages are exact in both.</para>
/// <para><b>Mapping to our model.</b> Unassigned: <see cref="PodSpec.NodeName"/> is empty. Ready:
/// <see cref="PodStatus.ReadySince"/> is set, and it is the Ready condition's last transition time.
/// Phases Succeeded and Failed (which active pods never have) rank with Pending, as upstream's map
/// lookup gives them. Restarts: upstream compares the highest restart count of any one app container,
/// then, if equal, of any sidecar; our <see cref="PodStatus.Restarts"/> is the pod's total over all its
/// containers, so we compare totals. Both agree for pods with one container and no sidecars; for
/// others the total is the closest figure the model keeps. Upstream treats a missing (zero) ready or
/// creation time, or a zero "now", as newest of all and skips the buckets; in our model every ready pod
/// has a ready time and every pod a creation time (<see cref="SimTime.Zero"/> is the start of the
/// simulation, a real instant), so that fallback never applies.</para>
/// <para>As upstream's, the order is not transitive in every corner: when bucket ties meet exact ties
/// (A and B ready at the same instant, C ready at another instant in the same bucket) the uid and the
/// later rules can disagree. Sorting with it stays deterministic.</para>
/// </remarks>
public sealed class ActivePodsRanking : IComparer<RankedPod>
{
    /// <summary>A ranking whose logarithmic buckets are measured back from <paramref name="now"/>.</summary>
    /// <param name="now">The current simulated time (upstream takes <c>metav1.Now()</c> when it ranks).</param>
    public ActivePodsRanking(SimTime now) => Now = now;

    /// <summary>The time the logarithmic buckets are measured back from.</summary>
    public SimTime Now { get; }

    /// <summary>
    /// Ranks <paramref name="podsToRank"/> as upstream's <c>getPodsRankedByRelatedPodsOnSameNode</c>
    /// (<c>pkg/controller/replicaset/replica_set.go</c>) does: each pod's rank is the number of active
    /// pods (<see cref="Pod.IsActive"/>) in <paramref name="relatedPods"/> whose node name equals its own.
    /// </summary>
    /// <remarks>
    /// <paramref name="relatedPods"/> should generally be a superset of <paramref name="podsToRank"/>
    /// (upstream passes the pods of every ReplicaSet of the same Deployment), so a pod counts itself. As
    /// upstream, unassigned pods are counted under the empty node name: an unassigned pod's rank is the
    /// number of active unassigned related pods.
    /// </remarks>
    /// <param name="podsToRank">The pods to rank, in any order.</param>
    /// <param name="relatedPods">The pods whose colocation counts.</param>
    /// <returns>The pods with their ranks, in the order of <paramref name="podsToRank"/>.</returns>
    public static RankedPod[] RankByRelatedPodsOnSameNode(IReadOnlyList<Pod> podsToRank, IReadOnlyList<Pod> relatedPods)
    {
        ArgumentNullException.ThrowIfNull(podsToRank);
        ArgumentNullException.ThrowIfNull(relatedPods);

        var podsOnNode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < relatedPods.Count; i++)
        {
            var related = relatedPods[i];
            if (related.IsActive)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(podsOnNode, related.Spec.NodeName, out _)++;
            }
        }

        var ranked = new RankedPod[podsToRank.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            var pod = podsToRank[i];
            ranked[i] = new RankedPod(pod, podsOnNode.GetValueOrDefault(pod.Spec.NodeName));
        }

        return ranked;
    }

    /// <summary>Compares two ranked pods: negative when <paramref name="x"/> should be deleted first.</summary>
    /// <param name="x">A pod and its rank.</param>
    /// <param name="y">Another pod and its rank.</param>
    /// <returns>Negative, zero or positive, as <paramref name="x"/> goes before, with or after <paramref name="y"/>.</returns>
    public int Compare(RankedPod x, RankedPod y)
    {
        var a = x.Pod;
        var b = y.Pod;

        // 1. Unassigned before assigned.
        if (a.IsBound != b.IsBound)
        {
            return a.IsBound ? 1 : -1;
        }

        // 2. Pending before Unknown before Running.
        var byPhase = PhaseOrdinal(a.Status.Phase).CompareTo(PhaseOrdinal(b.Status.Phase));
        if (byPhase != 0)
        {
            return byPhase;
        }

        // 3. Not ready before ready.
        if (a.Status.IsReady != b.Status.IsReady)
        {
            return a.Status.IsReady ? 1 : -1;
        }

        // 4. Pod deletion cost: not modelled, every pod costs upstream's default 0.

        // 5. Higher rank (more related pods on the same node) first.
        if (x.Rank != y.Rank)
        {
            return y.Rank.CompareTo(x.Rank);
        }

        // 6. Ready for less time first, in logarithmic buckets.
        if (a.Status.ReadySince is { } readyA && b.Status.ReadySince is { } readyB && readyA != readyB)
        {
            return CompareInBuckets(readyA, readyB, a.Metadata.Uid, b.Metadata.Uid);
        }

        // 7. More restarts first.
        if (a.Status.Restarts != b.Status.Restarts)
        {
            return b.Status.Restarts.CompareTo(a.Status.Restarts);
        }

        // 8. Newer first, in logarithmic buckets.
        if (a.Metadata.CreatedAt != b.Metadata.CreatedAt)
        {
            return CompareInBuckets(a.Metadata.CreatedAt, b.Metadata.CreatedAt, a.Metadata.Uid, b.Metadata.Uid);
        }

        return 0;
    }

    /// <summary>
    /// The logarithmic bucket of a timestamp <paramref name="age"/> before now: ⌊log₂⌋ of the age in
    /// nanoseconds, or -1 when the age is zero or negative (upstream's <c>logarithmicRankDiff</c>).
    /// </summary>
    internal static int LogarithmicBucket(TimeSpan age)
    {
        if (age <= TimeSpan.Zero)
        {
            return -1;
        }

        var nanoseconds = (UInt128)(ulong)age.Ticks * (ulong)TimeSpan.NanosecondsPerTick;
        return (int)UInt128.Log2(nanoseconds);
    }

    // Upstream's podPhaseToOrdinal map; phases missing from it read as the map's zero value.
    private static int PhaseOrdinal(PodPhase phase) => phase switch
    {
        PodPhase.Unknown => 1,
        PodPhase.Running => 2,
        _ => 0,
    };

    // Called only for different timestamps: the more recent bucket first, the lower uid within a bucket.
    private int CompareInBuckets(SimTime a, SimTime b, long uidA, long uidB)
    {
        var byBucket = LogarithmicBucket(Now - a).CompareTo(LogarithmicBucket(Now - b));
        return byBucket != 0 ? byBucket : uidA.CompareTo(uidB);
    }
}
