using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The deployment controller (upstream <c>pkg/controller/deployment</c>) for the RollingUpdate
/// strategy: it runs each Deployment's template through ReplicaSets and replaces old pods with new
/// ones within <c>maxSurge</c> and <c>maxUnavailable</c>.
/// </summary>
/// <remarks>
/// <para>
/// A sync reads the Deployment from the API server and its ReplicaSets (those it owns, by uid) from a
/// cache fed by its watch. The new ReplicaSet is the one whose template equals the Deployment's apart
/// from the <see cref="PodTemplateHash.LabelKey"/> label (upstream's <c>FindNewReplicaSet</c>); if
/// there is none it is created as <c>&lt;deployment&gt;-&lt;fingerprint&gt;</c> (see
/// <see cref="PodTemplateHash"/>), with the fingerprint added to its selector, template and so its
/// pods, and sized by <c>NewRSNewReplicas</c>. Then, as upstream's <c>rolloutRolling</c>:
/// <c>reconcileNewReplicaSet</c> scales the new ReplicaSet up to at most replicas + maxSurge pods
/// across all ReplicaSets' <c>spec.replicas</c> (or down to the Deployment's replicas); if it did not
/// scale, <c>reconcileOldReplicaSets</c> scales old ReplicaSets down by at most
/// allPods − minAvailable − newRSUnavailable, first their unhealthy replicas
/// (<c>cleanupUnhealthyReplicas</c>), then oldest first while the available pods stay above
/// minAvailable (<c>scaleDownOldReplicaSetsForRollingUpdate</c>); last the status is summed from the
/// ReplicaSets' statuses (<c>calculateStatus</c>).
/// </para>
/// <para>
/// Every ReplicaSet write carries the resource version the cache holds, so a sync working from a stale
/// cache fails with a conflict and does nothing more; the watch event of the newer version queues the
/// Deployment again.
/// </para>
/// <para>
/// Simplifications: a change of replicas alone is handled by the same rolling logic (with one active
/// ReplicaSet it simply scales that one, as upstream's <c>scale</c>); upstream's proportional scaling of
/// several active ReplicaSets during a rollout (the max-replicas annotations) is not modelled. Not
/// modelled either: the Recreate strategy, pausing, rollback, revision history and its clean-up,
/// progress deadlines and conditions, hash collision counting, adoption and orphaning.
/// </para>
/// </remarks>
public sealed class DeploymentController
{
    private const string Name = "deployment-controller";

    // The description of a status write that nobody reads (the event log is off, no observer).
    private const string StatusWrite = "status";

    private readonly ApiClient _api;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly Dictionary<long, Dictionary<ObjectKey, ReplicaSet>> _replicaSetsByOwner = [];
    private readonly Dictionary<long, HashSet<long>> _runningPodsByReplicaSet = [];
    private readonly Dictionary<long, ObjectKey> _deploymentOfReplicaSet = [];

    internal DeploymentController(SimulatedCluster cluster)
    {
        _api = cluster.Client(Name);
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, Deployment.KindName), e => _queue.Add(e.Item.Key));
        _api.Watch(cluster.WatchOptionsFor(Name, ReplicaSet.KindName), OnReplicaSet);
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    /// <summary>Syncs run so far.</summary>
    public long Syncs { get; private set; }

    private enum Outcome
    {
        Unchanged,
        Scaled,
        Failed,
    }

    private void OnReplicaSet(WatchEvent e)
    {
        var replicaSet = (ReplicaSet)e.Item;
        if (replicaSet.Owner is not { Kind: Deployment.KindName } owner)
        {
            return;
        }

        if (!_replicaSetsByOwner.TryGetValue(owner.Uid, out var owned))
        {
            _replicaSetsByOwner[owner.Uid] = owned = [];
        }

        var deploymentKey = new ObjectKey(Deployment.KindName, replicaSet.Metadata.Namespace, owner.Name);
        if (e.Type == WatchEventType.Deleted)
        {
            owned.Remove(replicaSet.Key);
            _deploymentOfReplicaSet.Remove(replicaSet.Metadata.Uid);
        }
        else
        {
            owned[replicaSet.Key] = replicaSet;
            _deploymentOfReplicaSet[replicaSet.Metadata.Uid] = deploymentKey;
        }

        _queue.Add(deploymentKey);
    }

    /// <summary>
    /// Tracks the pods of each ReplicaSet that have not finished (terminating ones included), which the
    /// Recreate strategy waits for, as upstream's oldPodsRunning.
    /// </summary>
    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        if (pod.Owner is not { Kind: ReplicaSet.KindName } owner)
        {
            return;
        }

        if (!_runningPodsByReplicaSet.TryGetValue(owner.Uid, out var running))
        {
            _runningPodsByReplicaSet[owner.Uid] = running = [];
        }

        var changed = e.Type == WatchEventType.Deleted || pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed
            ? running.Remove(pod.Metadata.Uid)
            : running.Add(pod.Metadata.Uid);
        if (changed && running.Count == 0 && _deploymentOfReplicaSet.TryGetValue(owner.Uid, out var deploymentKey))
        {
            _queue.Add(deploymentKey);
        }
    }

    private void Sync(ObjectKey key)
    {
        Syncs++;
        var deployment = _api.Get<Deployment>(key);
        if (deployment is null)
        {
            return;
        }

        var all = new List<ReplicaSet>();
        if (_replicaSetsByOwner.TryGetValue(deployment.Metadata.Uid, out var owned))
        {
            all.AddRange(owned.Values);
        }

        all.Sort(ByCreation);
        ReplicaSet? newReplicaSet = null;
        var old = new List<ReplicaSet>(all.Count);
        foreach (var replicaSet in all)
        {
            if (newReplicaSet is null && PodTemplateHash.EqualIgnoringHash(replicaSet.Spec.Template, deployment.Spec.Template))
            {
                newReplicaSet = replicaSet;
            }
            else
            {
                old.Add(replicaSet);
            }
        }

        newReplicaSet ??= CreateNewReplicaSet(deployment, old);
        if (newReplicaSet is null)
        {
            return;
        }

        if (deployment.Spec.Strategy.Recreate)
        {
            RolloutRecreate(deployment, old, newReplicaSet);
            return;
        }

        if (newReplicaSet.Spec.MinReadySeconds != deployment.Spec.MinReadySeconds)
        {
            var result = _api.Update(newReplicaSet with { Spec = newReplicaSet.Spec with { MinReadySeconds = deployment.Spec.MinReadySeconds } }, "minReadySeconds updated");
            if (!result.IsOk)
            {
                return;
            }

            newReplicaSet = result.Value!;
        }

        old.Add(newReplicaSet);
        all = old;
        var newIndex = all.Count - 1;
        var outcome = ReconcileNewReplicaSet(all, newIndex, deployment);
        if (outcome == Outcome.Unchanged)
        {
            outcome = ReconcileOldReplicaSets(all, newIndex, deployment);
        }

        if (outcome != Outcome.Failed)
        {
            SyncStatus(deployment, all, all[newIndex]);
        }
    }

    /// <summary>
    /// Upstream's rolloutRecreate: scale every old ReplicaSet to 0; wait until none of their pods is
    /// still running (terminating pods included); then scale the new ReplicaSet to the replicas.
    /// </summary>
    private void RolloutRecreate(Deployment deployment, List<ReplicaSet> old, ReplicaSet newReplicaSet)
    {
        old.Add(newReplicaSet);
        var all = old;
        var newIndex = all.Count - 1;
        var scaledDown = false;
        for (var i = 0; i < newIndex; i++)
        {
            var outcome = Scale(all, i, 0);
            if (outcome == Outcome.Failed)
            {
                return;
            }

            scaledDown |= outcome == Outcome.Scaled;
        }

        var oldPodsRunning = false;
        for (var i = 0; i < newIndex; i++)
        {
            oldPodsRunning |= _runningPodsByReplicaSet.TryGetValue(all[i].Metadata.Uid, out var running) && running.Count > 0;
        }

        if (!scaledDown && !oldPodsRunning && Scale(all, newIndex, deployment.Spec.Replicas) == Outcome.Failed)
        {
            return;
        }

        SyncStatus(deployment, all, all[newIndex]);
    }

    /// <summary>Upstream's getNewReplicaSet for a missing one: named after the fingerprint, sized by NewRSNewReplicas.</summary>
    private ReplicaSet? CreateNewReplicaSet(Deployment deployment, List<ReplicaSet> old)
    {
        var hash = PodTemplateHash.Compute(deployment.Spec.Template);
        var template = deployment.Spec.Template with { Labels = deployment.Spec.Template.Labels.SetItem(PodTemplateHash.LabelKey, hash) };
        var replicaSet = new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = deployment.Metadata.Name + "-" + hash,
                Namespace = deployment.Metadata.Namespace,
                Labels = template.Labels,
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = 0,
                Selector = deployment.Spec.Selector.Add(LabelRequirement.Create(PodTemplateHash.LabelKey, SelectorOperator.Equal, hash)),
                Template = template,
                MinReadySeconds = deployment.Spec.MinReadySeconds,
            },
            Owner = new OwnerReference(Deployment.KindName, deployment.Metadata.Name, deployment.Metadata.Uid),
        };
        // Recreate sizes the new ReplicaSet only once the old pods are gone (RolloutRecreate).
        var replicas = deployment.Spec.Strategy.Recreate ? 0 : NewReplicaSetReplicas(deployment, Total(old) + 0, 0);
        var created = _api.Create(
            replicaSet with { Spec = replicaSet.Spec with { Replicas = replicas } },
            string.Create(CultureInfo.InvariantCulture, $"created with {replicas} replicas"));
        return created.IsOk ? created.Value : null;
    }

    /// <summary>
    /// Upstream's NewRSNewReplicas for RollingUpdate: the new ReplicaSet may grow until all ReplicaSets
    /// together want replicas + maxSurge pods, but not beyond the Deployment's replicas.
    /// </summary>
    private static int NewReplicaSetReplicas(Deployment deployment, int currentPodCount, int newReplicas)
    {
        var replicas = deployment.Spec.Replicas;
        var maxTotalPods = replicas + deployment.Spec.Strategy.MaxSurge.Scaled(replicas, roundUp: true);
        if (currentPodCount >= maxTotalPods)
        {
            return newReplicas;
        }

        var scaleUpCount = Math.Min(maxTotalPods - currentPodCount, replicas - newReplicas);
        return newReplicas + scaleUpCount;
    }

    /// <summary>Upstream's reconcileNewReplicaSet.</summary>
    private Outcome ReconcileNewReplicaSet(List<ReplicaSet> all, int newIndex, Deployment deployment)
    {
        var newReplicaSet = all[newIndex];
        var desired = deployment.Spec.Replicas;
        if (newReplicaSet.Spec.Replicas == desired)
        {
            return Outcome.Unchanged;
        }

        var target = newReplicaSet.Spec.Replicas > desired
            ? desired
            : NewReplicaSetReplicas(deployment, Total(all), newReplicaSet.Spec.Replicas);
        return Scale(all, newIndex, target);
    }

    /// <summary>Upstream's reconcileOldReplicaSets: clean up unhealthy old replicas, then scale old ReplicaSets down within maxUnavailable.</summary>
    private Outcome ReconcileOldReplicaSets(List<ReplicaSet> all, int newIndex, Deployment deployment)
    {
        var oldPodsCount = Total(all) - all[newIndex].Spec.Replicas;
        if (oldPodsCount == 0)
        {
            return Outcome.Unchanged;
        }

        var allPodsCount = Total(all);
        var minAvailable = deployment.Spec.Replicas - deployment.Spec.Strategy.ResolveMaxUnavailable(deployment.Spec.Replicas);
        var newReplicaSet = all[newIndex];
        var newUnavailablePodCount = newReplicaSet.Spec.Replicas - newReplicaSet.Status.AvailableReplicas;
        var maxScaledDown = allPodsCount - minAvailable - newUnavailablePodCount;
        if (maxScaledDown <= 0)
        {
            return Outcome.Unchanged;
        }

        // cleanupUnhealthyReplicas: the old ReplicaSets (oldest first, `all` is in creation order)
        // lose their unavailable replicas first; the replication controller deletes not-ready pods first.
        var cleanedUp = 0;
        for (var i = 0; i < all.Count && cleanedUp < maxScaledDown; i++)
        {
            var replicaSet = all[i];
            if (i == newIndex || replicaSet.Spec.Replicas == 0 || replicaSet.Spec.Replicas == replicaSet.Status.AvailableReplicas)
            {
                continue;
            }

            var count = Math.Min(maxScaledDown - cleanedUp, replicaSet.Spec.Replicas - replicaSet.Status.AvailableReplicas);
            if (count < 0)
            {
                // Upstream: "invalid request to scale down" (a status newer than the spec); nothing scaled down.
                return Outcome.Unchanged;
            }

            var outcome = Scale(all, i, replicaSet.Spec.Replicas - count);
            if (outcome == Outcome.Failed)
            {
                return outcome;
            }

            cleanedUp += count;
        }

        // scaleDownOldReplicaSetsForRollingUpdate.
        var availablePodCount = 0;
        foreach (var replicaSet in all)
        {
            availablePodCount += replicaSet.Status.AvailableReplicas;
        }

        var scaledDown = 0;
        if (availablePodCount > minAvailable)
        {
            var totalScaleDownCount = availablePodCount - minAvailable;
            for (var i = 0; i < all.Count && scaledDown < totalScaleDownCount; i++)
            {
                var replicaSet = all[i];
                if (i == newIndex || replicaSet.Spec.Replicas == 0)
                {
                    continue;
                }

                var count = Math.Min(replicaSet.Spec.Replicas, totalScaleDownCount - scaledDown);
                if (Scale(all, i, replicaSet.Spec.Replicas - count) == Outcome.Failed)
                {
                    return Outcome.Failed;
                }

                scaledDown += count;
            }
        }

        return cleanedUp + scaledDown > 0 ? Outcome.Scaled : Outcome.Unchanged;
    }

    /// <summary>Upstream's scaleReplicaSet: writes the new replica count, from the cached version.</summary>
    private Outcome Scale(List<ReplicaSet> all, int index, int replicas)
    {
        var replicaSet = all[index];
        if (replicaSet.Spec.Replicas == replicas)
        {
            return Outcome.Unchanged;
        }

        var result = _api.Update(
            replicaSet with { Spec = replicaSet.Spec with { Replicas = replicas } },
            string.Create(CultureInfo.InvariantCulture, $"scaled from {replicaSet.Spec.Replicas} to {replicas}"));
        if (!result.IsOk)
        {
            return Outcome.Failed;
        }

        all[index] = result.Value!;
        return Outcome.Scaled;
    }

    /// <summary>Upstream's calculateStatus, written when it changed.</summary>
    private void SyncStatus(Deployment deployment, List<ReplicaSet> all, ReplicaSet newReplicaSet)
    {
        var replicas = 0;
        var ready = 0;
        var available = 0;
        foreach (var replicaSet in all)
        {
            replicas += replicaSet.Status.Replicas;
            ready += replicaSet.Status.ReadyReplicas;
            available += replicaSet.Status.AvailableReplicas;
        }

        var status = new DeploymentStatus
        {
            Replicas = replicas,
            UpdatedReplicas = newReplicaSet.Status.Replicas,
            ReadyReplicas = ready,
            AvailableReplicas = available,
        };
        if (status != deployment.Status)
        {
            _api.Update(
                deployment with { Status = status },
                _api.Server.ReadsDescriptions ? string.Create(CultureInfo.InvariantCulture, $"status: {replicas} replicas, {status.UpdatedReplicas} updated, {ready} ready, {available} available") : StatusWrite);
        }
    }

    private static int Total(List<ReplicaSet> replicaSets)
    {
        var total = 0;
        foreach (var replicaSet in replicaSets)
        {
            total += replicaSet.Spec.Replicas;
        }

        return total;
    }

    /// <summary>Upstream's ReplicaSetsByCreationTimestamp: older first, then by name.</summary>
    private static int ByCreation(ReplicaSet a, ReplicaSet b)
    {
        var byTime = a.Metadata.CreatedAt.CompareTo(b.Metadata.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }
}
