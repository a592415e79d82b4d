using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The replication controller (upstream <c>pkg/controller/replicaset</c>, which also runs
/// ReplicationControllers): it keeps each controller's active pods at its replica count.
/// </summary>
/// <remarks>
/// <para>
/// As upstream: a sync counts the active pods the controller owns; when short it creates at most
/// <see cref="BurstReplicas"/> (500) pods in slow-start batches of 1, 2, 4, 8 … — a batch starts only
/// when the previous one succeeded, one API round trip (<see cref="ClusterTimings.ApiRequestLatency"/>)
/// later; when over it deletes at most 500, ranked by <see cref="ActivePodsRanking"/> (related pods:
/// the controller's own). It reads pods from a cache fed by its watch, as upstream's informer lister,
/// never by listing the API server. Expectations
/// stop a controller from acting again until the watch has shown it its own creations and deletions
/// (or 5 minutes have passed), so stale caches never cause double creation.
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

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly Dictionary<long, Expectations> _expectations = [];
    private readonly Dictionary<ObjectKey, long> _nameCounters = [];
    private readonly Dictionary<long, Dictionary<ObjectKey, Pod>> _podsByOwner = [];

    internal ReplicationManager(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, ReplicationController.KindName), e => _queue.Add(e.Item.Key));
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    /// <summary>Syncs run so far.</summary>
    public long Syncs { get; private set; }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        if (pod.Owner is not { Kind: ReplicationController.KindName } owner)
        {
            return;
        }

        if (!_podsByOwner.TryGetValue(owner.Uid, out var owned))
        {
            _podsByOwner[owner.Uid] = owned = [];
        }

        if (e.Type == WatchEventType.Deleted)
        {
            owned.Remove(pod.Key);
        }
        else
        {
            owned[pod.Key] = pod;
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

        _queue.Add(new ObjectKey(ReplicationController.KindName, pod.Metadata.Namespace, owner.Name));
    }

    private void Sync(ObjectKey key)
    {
        Syncs++;
        var controller = _api.Get<ReplicationController>(key);
        if (controller is null)
        {
            return;
        }

        var uid = controller.Metadata.Uid;
        var active = 0;
        var ready = 0;
        if (_podsByOwner.TryGetValue(uid, out var owned))
        {
            foreach (var pod in owned.Values)
            {
                if (pod.IsActive)
                {
                    active++;
                    ready += pod.Status.IsReady ? 1 : 0;
                }
            }
        }

        if (Satisfied(uid) && active != controller.Spec.Replicas)
        {
            Manage(controller, owned, active);
        }

        if (controller.Status.Replicas != active || controller.Status.ReadyReplicas != ready)
        {
            var status = new ReplicationControllerStatus { Replicas = active, ReadyReplicas = ready };
            _api.Update(controller with { Status = status }, string.Create(CultureInfo.InvariantCulture, $"status: {active} replicas, {ready} ready"));
        }
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

    private void Manage(ReplicationController controller, Dictionary<ObjectKey, Pod>? owned, int active)
    {
        var diff = active - controller.Spec.Replicas;
        if (diff < 0)
        {
            var toCreate = Math.Min(-diff, BurstReplicas);
            _expectations[controller.Metadata.Uid] = new Expectations { PendingCreations = toCreate, SetAt = _cluster.Simulation.Now };
            new SlowStart(this, controller, toCreate).Run();
        }
        else if (diff > 0)
        {
            var toDelete = Math.Min(diff, BurstReplicas);
            var pods = owned!.Values.Where(p => p.IsActive).OrderBy(p => p.Key).ToList();
            var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode(pods, pods);
            Array.Sort(ranked, new ActivePodsRanking(_cluster.Simulation.Now));
            _expectations[controller.Metadata.Uid] = new Expectations { PendingDeletions = toDelete, SetAt = _cluster.Simulation.Now };
            for (var i = 0; i < toDelete; i++)
            {
                RequestDeletion(ranked[i].Pod);
            }
        }
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

    private bool CreatePod(ReplicationController controller)
    {
        var counter = _nameCounters.GetValueOrDefault(controller.Key) + 1;
        _nameCounters[controller.Key] = counter;
        var template = controller.Spec.Template;
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{controller.Metadata.Name}-{counter}"),
                Namespace = controller.Metadata.Namespace,
                Labels = template.Labels,
            },
            Spec = template.Spec with { NodeName = string.Empty },
            Owner = new OwnerReference(ReplicationController.KindName, controller.Metadata.Name, controller.Metadata.Uid),
        };
        return _api.Create(pod).IsOk;
    }

    /// <summary>Upstream's slowStartBatch: batches of 1, 2, 4 … creations, each after the previous one succeeded.</summary>
    private sealed class SlowStart(ReplicationManager manager, ReplicationController controller, int total)
    {
        private int _done;
        private int _batch = 1;

        public void Run()
        {
            var size = Math.Min(_batch, total - _done);
            var failed = 0;
            for (var i = 0; i < size; i++)
            {
                if (!manager.CreatePod(controller))
                {
                    failed++;
                }
            }

            _done += size;
            _batch *= 2;
            if (failed > 0)
            {
                // The creations that will not happen are no longer expected (upstream: skipped pods).
                if (manager._expectations.TryGetValue(controller.Metadata.Uid, out var expectations))
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

    private sealed class Expectations
    {
        public int PendingCreations { get; set; }

        public int PendingDeletions { get; set; }

        public Engine.SimTime SetAt { get; init; }

        public HashSet<long> SeenDeleting { get; } = [];
    }
}
