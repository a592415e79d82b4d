using System.Globalization;
using System.Runtime.InteropServices;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The replication controller (upstream <c>pkg/controller/replicaset</c>, which also runs
/// ReplicationControllers): it keeps each ReplicaSet's and ReplicationController's active pods at its
/// replica count.
/// </summary>
/// <remarks>
/// <para>
/// As upstream: a sync counts the active pods the controller owns; when short it creates at most
/// <see cref="BurstReplicas"/> (500) pods in slow-start batches of 1, 2, 4, 8 … — a batch starts only
/// when the previous one succeeded, one API round trip (<see cref="ClusterTimings.ApiRequestLatency"/>)
/// later; when over it deletes at most 500, ranked by <see cref="ActivePodsRanking"/> (related pods:
/// the controller's own, or, for a ReplicaSet owned by a Deployment, the active pods of all that
/// Deployment's ReplicaSets, as upstream's <c>getPodsRankedByRelatedPodsOnSameNode</c>). It reads pods from a cache fed by its watch, as upstream's informer lister,
/// never by listing the API server. Expectations
/// stop a controller from acting again until the watch has shown it its own creations and deletions
/// (or 5 minutes have passed), so stale caches never cause double creation.
/// </para>
/// <para>
/// A ReplicaSet counts the pods it owns that its selector matches. Its status also reports available
/// replicas: pods ready for at least <see cref="ReplicaSetSpec.MinReadySeconds"/>. As upstream, a pod
/// that turns ready requeues its ReplicaSet after minReadySeconds + 1 s, and a sync that finds every
/// replica ready but not all available requeues it after minReadySeconds, so the count catches up
/// without another pod event.
/// </para>
/// <para>
/// Simplifications: pods are never adopted or released (every pod it counts carries its owner
/// reference); pod names are <c>&lt;controller&gt;-&lt;n&gt;</c> with a per-controller counter
/// instead of random suffixes, so runs are deterministic.
/// </para>
/// </remarks>
public sealed class ReplicationManager
{
    /// <summary>At most this many creations or deletions per sync (upstream's burstReplicas).</summary>
    public const int BurstReplicas = 500;

    /// <summary>How long unmet expectations block a controller before they are considered expired (upstream: 5 minutes).</summary>
    public static readonly TimeSpan ExpectationsTimeout = TimeSpan.FromMinutes(5);

    private const string Name = "replication-controller";

    // The description of a status write that nobody reads (the event log is off, no observer).
    private const string StatusWrite = "status";

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly Dictionary<long, Expectations> _expectations = [];
    private readonly Dictionary<ObjectKey, long> _nameCounters = [];
    // Each controller's pods by uid (a pod's key and uid correspond one to one while it exists; every
    // use of these maps either sums over them or sorts by key).
    private readonly Dictionary<long, Dictionary<long, Pod>> _podsByOwner = [];
    private readonly Dictionary<long, OwnerCounts> _counts = [];
    private readonly Dictionary<long, ReplicaSet> _replicaSets = [];
    private readonly Dictionary<long, SortedSet<long>> _replicaSetsByDeployment = [];

    internal ReplicationManager(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, ReplicationController.KindName), e => _queue.Add(e.Item.Key));
        _api.Watch(cluster.WatchOptionsFor(Name, ReplicaSet.KindName), OnReplicaSet);
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    /// <summary>Syncs run so far.</summary>
    public long Syncs { get; private set; }

    private void OnReplicaSet(WatchEvent e)
    {
        var replicaSet = (ReplicaSet)e.Item;
        var uid = replicaSet.Metadata.Uid;
        var deploymentUid = replicaSet.Owner is { Kind: Deployment.KindName } owner ? owner.Uid : 0;
        if (e.Type == WatchEventType.Deleted)
        {
            _replicaSets.Remove(uid);
            _podsByOwner.Remove(uid);
            _counts.Remove(uid);
            if (deploymentUid != 0 && _replicaSetsByDeployment.TryGetValue(deploymentUid, out var siblings))
            {
                siblings.Remove(uid);
            }
        }
        else
        {
            _replicaSets[uid] = replicaSet;
            if (deploymentUid != 0)
            {
                if (!_replicaSetsByDeployment.TryGetValue(deploymentUid, out var siblings))
                {
                    _replicaSetsByDeployment[deploymentUid] = siblings = [];
                }

                siblings.Add(uid);
            }
        }

        _queue.Add(replicaSet.Key);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        if (pod.Owner is not { Kind: ReplicationController.KindName or ReplicaSet.KindName } owner)
        {
            return;
        }

        if (!_podsByOwner.TryGetValue(owner.Uid, out var owned))
        {
            _podsByOwner[owner.Uid] = owned = [];
        }

        Pod? previous;
        if (e.Type == WatchEventType.Deleted)
        {
            owned.Remove(pod.Metadata.Uid, out previous);
        }
        else
        {
            ref var cached = ref CollectionsMarshal.GetValueRefOrAddDefault(owned, pod.Metadata.Uid, out _);
            previous = cached;
            cached = pod;
        }

        var wasReady = previous is not null && previous.Status.IsReady;

        if (_counts.TryGetValue(owner.Uid, out var counts))
        {
            counts.Replace(previous, e.Type == WatchEventType.Deleted ? null : pod);
        }

        var key = new ObjectKey(owner.Kind, pod.Metadata.Namespace, owner.Name);
        if (!wasReady && pod.Status.IsReady && e.Type != WatchEventType.Deleted
            && _replicaSets.TryGetValue(owner.Uid, out var replicaSet) && replicaSet.Spec.MinReadySeconds > 0)
        {
            // Upstream's updatePod: a pod that turned ready becomes available minReadySeconds later.
            EnqueueAfter(key, TimeSpan.FromSeconds(replicaSet.Spec.MinReadySeconds + 1));
        }

        if (_expectations.TryGetValue(owner.Uid, out var expectations))
        {
            if (e.Type == WatchEventType.Added)
            {
                expectations.PendingCreations--;
            }
            else if (e.Type == WatchEventType.Deleted || (pod.DeletionRequestedAt is not null && !expectations.SeenDeleting.Contains(pod.Metadata.Uid) && expectations.SeenDeleting.Add(pod.Metadata.Uid)))
            {
                expectations.PendingDeletions--;
            }
        }

        _queue.Add(key);
    }

    private void EnqueueAfter(ObjectKey key, TimeSpan delay) =>
        _cluster.Simulation.ScheduleAfter(delay, () => _queue.Add(key));

    private void Sync(ObjectKey key)
    {
        Syncs++;
        if (key.Kind == ReplicaSet.KindName)
        {
            SyncReplicaSet(key);
            return;
        }

        var controller = _api.Get<ReplicationController>(key);
        if (controller is null)
        {
            return;
        }

        var target = new Target(controller.Key, controller.Metadata.Uid, controller.Spec.Replicas, controller.Spec.Template, null, 0, 0);
        var counts = Count(target, _cluster.Simulation.Now);
        if (Satisfied(target.Uid) && counts.Active != target.Replicas)
        {
            Manage(target, counts.Active);
        }

        if (controller.Status.Replicas != counts.Active || controller.Status.ReadyReplicas != counts.Ready)
        {
            var status = new ReplicationControllerStatus { Replicas = counts.Active, ReadyReplicas = counts.Ready };
            _api.Update(controller with { Status = status }, _api.Server.ReadsDescriptions ? string.Create(CultureInfo.InvariantCulture, $"status: {counts.Active} replicas, {counts.Ready} ready") : StatusWrite);
        }
    }

    private void SyncReplicaSet(ObjectKey key)
    {
        var replicaSet = _api.Get<ReplicaSet>(key);
        if (replicaSet is null)
        {
            return;
        }

        var spec = replicaSet.Spec;
        var deploymentUid = replicaSet.Owner is { Kind: Deployment.KindName } owner ? owner.Uid : 0;
        var target = new Target(replicaSet.Key, replicaSet.Metadata.Uid, spec.Replicas, spec.Template, spec.Selector, spec.MinReadySeconds, deploymentUid);
        var now = _cluster.Simulation.Now;
        var counts = Count(target, now);
        if (Satisfied(target.Uid) && counts.Active != target.Replicas)
        {
            Manage(target, counts.Active);
        }

        var current = replicaSet.Status;
        if (current.Replicas != counts.Active || current.ReadyReplicas != counts.Ready || current.AvailableReplicas != counts.Available)
        {
            var status = new ReplicaSetStatus { Replicas = counts.Active, ReadyReplicas = counts.Ready, AvailableReplicas = counts.Available };
            _api.Update(
                replicaSet with { Status = status },
                _api.Server.ReadsDescriptions ? string.Create(CultureInfo.InvariantCulture, $"status: {counts.Active} replicas, {counts.Ready} ready, {counts.Available} available") : StatusWrite);
        }

        // Upstream's syncReplicaSet: all ready but not all available yet, so look again when they may be.
        if (spec.MinReadySeconds > 0 && counts.Ready == spec.Replicas && counts.Available != spec.Replicas)
        {
            EnqueueAfter(key, TimeSpan.FromSeconds(spec.MinReadySeconds));
        }
    }

    /// <summary>The controller's active pods (those its selector matches, for a ReplicaSet), and of those the ready and available ones.</summary>
    private (int Active, int Ready, int Available) Count(in Target target, Engine.SimTime now)
    {
        // The counts kept up to date by the watch, when they were built with this selector and
        // availability does not depend on time; otherwise a full count that rebuilds them.
        if (target.MinReadySeconds == 0 && _counts.TryGetValue(target.Uid, out var kept) && ReferenceEquals(kept.Selector, target.Selector))
        {
            return (kept.Active, kept.Ready, kept.Ready);
        }

        var active = 0;
        var ready = 0;
        var available = 0;
        if (_podsByOwner.TryGetValue(target.Uid, out var owned))
        {
            foreach (var pod in owned.Values)
            {
                if (!pod.IsActive || !target.Selects(pod))
                {
                    continue;
                }

                active++;
                if (pod.Status.ReadySince is { } readySince)
                {
                    ready++;
                    available += target.MinReadySeconds == 0 || readySince + TimeSpan.FromSeconds(target.MinReadySeconds) < now ? 1 : 0;
                }
            }
        }

        _counts[target.Uid] = new OwnerCounts(target.Selector) { Active = active, Ready = ready };
        return (active, ready, available);
    }

    private bool Satisfied(long uid)
    {
        if (!_expectations.TryGetValue(uid, out var expectations))
        {
            return true;
        }

        if ((expectations.PendingCreations <= 0 && expectations.PendingDeletions <= 0)
            || _cluster.Simulation.Now - expectations.SetAt > ExpectationsTimeout)
        {
            _expectations.Remove(uid);
            return true;
        }

        return false;
    }

    private void Manage(in Target target, int active)
    {
        var diff = active - target.Replicas;
        if (diff < 0)
        {
            var toCreate = Math.Min(-diff, BurstReplicas);
            _expectations[target.Uid] = new Expectations { PendingCreations = toCreate, SetAt = _cluster.Simulation.Now };

            // The pod cache grows once for the pods about to be created instead of doubling its way
            // there (an empty cache reads as no cache: nothing counts or lists differently).
            if (!_podsByOwner.TryGetValue(target.Uid, out var owned))
            {
                _podsByOwner[target.Uid] = owned = [];
            }

            owned.EnsureCapacity(owned.Count + toCreate);
            new SlowStart(this, target, toCreate).Run();
        }
        else if (diff > 0)
        {
            var toDelete = Math.Min(diff, BurstReplicas);
            var selector = target;
            var pods = _podsByOwner[target.Uid].Values.Where(p => p.IsActive && selector.Selects(p)).OrderBy(p => p.Key).ToList();
            var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode(pods, RelatedPods(target, pods));
            Array.Sort(ranked, new ActivePodsRanking(_cluster.Simulation.Now));
            _expectations[target.Uid] = new Expectations { PendingDeletions = toDelete, SetAt = _cluster.Simulation.Now };
            for (var i = 0; i < toDelete; i++)
            {
                RequestDeletion(ranked[i].Pod);
            }
        }
    }

    /// <summary>
    /// Upstream's getIndirectlyRelatedPods: for a ReplicaSet owned by a Deployment, the active pods of
    /// every ReplicaSet of that Deployment (its own included); otherwise the controller's own pods.
    /// </summary>
    private List<Pod> RelatedPods(in Target target, List<Pod> own)
    {
        if (target.DeploymentUid == 0 || !_replicaSetsByDeployment.TryGetValue(target.DeploymentUid, out var siblings))
        {
            return own;
        }

        var related = new List<Pod>(own);
        foreach (var uid in siblings)
        {
            if (uid == target.Uid || !_podsByOwner.TryGetValue(uid, out var pods))
            {
                continue;
            }

            foreach (var pod in pods.Values.OrderBy(p => p.Key))
            {
                if (pod.IsActive)
                {
                    related.Add(pod);
                }
            }
        }

        return related;
    }

    private void RequestDeletion(Pod pod)
    {
        if (!pod.IsBound)
        {
            _api.Delete(pod.Key, change: "deleted (scale down)");
            return;
        }

        _api.Update(pod with { DeletionRequestedAt = _cluster.Simulation.Now }, "deletion requested (scale down)");
    }

    /// <summary>
    /// What every pod a sync creates has in common: namespace, labels and annotations, spec, status
    /// and owner. Pods are copies of it with their own name, so the objects they share (immutable) are
    /// built once per sync, not once per pod.
    /// </summary>
    private static Pod Prototype(in Target target)
    {
        var template = target.Template;
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = target.Key.Name,
                Namespace = target.Key.Namespace,
                Labels = template.Labels,
                Annotations = template.Annotations,
            },
            // Pods of one template share its spec (immutable) unless it names a node.
            Spec = template.Spec.NodeName.Length == 0 ? template.Spec : template.Spec with { NodeName = string.Empty },
            Owner = new OwnerReference(target.Key.Kind, target.Key.Name, target.Uid),
        };
    }

    private bool CreatePod(in Target target, Pod prototype)
    {
        var counter = _nameCounters.GetValueOrDefault(target.Key) + 1;
        _nameCounters[target.Key] = counter;
        var name = string.Create(CultureInfo.InvariantCulture, $"{target.Key.Name}-{counter}");
        return _api.Create(prototype with { Metadata = prototype.Metadata with { Name = name } }).IsOk;
    }

    /// <summary>Upstream's slowStartBatch: batches of 1, 2, 4 … creations, each after the previous one succeeded.</summary>
    private sealed class SlowStart(ReplicationManager manager, Target controller, int total)
    {
        private readonly Pod _prototype = Prototype(controller);
        private int _done;
        private int _batch = 1;

        public void Run()
        {
            var size = Math.Min(_batch, total - _done);
            var failed = 0;
            for (var i = 0; i < size; i++)
            {
                if (!manager.CreatePod(controller, _prototype))
                {
                    failed++;
                }
            }

            _done += size;
            _batch *= 2;
            if (failed > 0)
            {
                // The creations that will not happen are no longer expected (upstream: skipped pods).
                if (manager._expectations.TryGetValue(controller.Uid, out var expectations))
                {
                    expectations.PendingCreations -= failed + (total - _done);
                }

                return;
            }

            if (_done < total)
            {
                manager._cluster.Simulation.ScheduleAfter(manager._cluster.Timings.ApiRequestLatency, static s => s.Run(), this);
            }
        }
    }

    /// <summary>The controller being synced, ReplicationController or ReplicaSet alike.</summary>
    /// <param name="Key">Its key; pods are named after it and owned by its kind.</param>
    /// <param name="Uid">Its uid.</param>
    /// <param name="Replicas">Desired pods.</param>
    /// <param name="Template">The pods it creates.</param>
    /// <param name="Selector">A ReplicaSet's selector; null for a ReplicationController (it counts every pod it owns).</param>
    /// <param name="MinReadySeconds">How long a pod must be ready to be available.</param>
    /// <param name="DeploymentUid">The owning Deployment's uid, or 0.</param>
    private readonly record struct Target(
        ObjectKey Key,
        long Uid,
        int Replicas,
        PodTemplate Template,
        Labels.LabelSelector? Selector,
        int MinReadySeconds,
        long DeploymentUid)
    {
        public bool Selects(Pod pod) => Selector is null || Selector.Matches(pod.Metadata.Labels);
    }

    /// <summary>A controller's active and ready pods, kept up to date from the watch for one selector.</summary>
    private sealed class OwnerCounts(Labels.LabelSelector? selector)
    {
        private System.Collections.Immutable.ImmutableSortedDictionary<string, string>? _lastLabels;
        private bool _lastSelected;

        public Labels.LabelSelector? Selector { get; } = selector;

        public int Active { get; set; }

        public int Ready { get; set; }

        /// <summary>
        /// Takes <paramref name="previous"/> out of the counts and puts <paramref name="current"/> in
        /// (either may be null). The selector is matched once when both carry the same labels (a status change).
        /// </summary>
        public void Replace(Pod? previous, Pod? current)
        {
            var previousSelected = false;
            if (previous is { IsActive: true })
            {
                previousSelected = Selects(previous);
                if (previousSelected)
                {
                    Active--;
                    Ready -= previous.Status.IsReady ? 1 : 0;
                }
            }

            if (current is not { IsActive: true })
            {
                return;
            }

            var currentSelected = previous is { IsActive: true } && ReferenceEquals(previous.Metadata.Labels, current.Metadata.Labels)
                ? previousSelected
                : Selects(current);
            if (currentSelected)
            {
                Active++;
                Ready += current.Status.IsReady ? 1 : 0;
            }
        }

        /// <summary>
        /// Whether the selector matches the pod's labels. The pods a controller creates share its
        /// template's label map (immutable), so the last map matched and its result are kept.
        /// </summary>
        private bool Selects(Pod pod)
        {
            if (Selector is null)
            {
                return true;
            }

            var labels = pod.Metadata.Labels;
            if (!ReferenceEquals(labels, _lastLabels))
            {
                _lastSelected = Selector.Matches(labels);
                _lastLabels = labels;
            }

            return _lastSelected;
        }
    }

    private sealed class Expectations
    {
        public int PendingCreations { get; set; }

        public int PendingDeletions { get; set; }

        public Engine.SimTime SetAt { get; init; }

        public HashSet<long> SeenDeleting { get; } = [];
    }
}
