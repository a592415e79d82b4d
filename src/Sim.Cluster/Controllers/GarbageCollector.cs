using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The garbage collector (upstream <c>pkg/controller/garbagecollector</c>), simplified to background
/// cascading deletion by controlling owner reference: when a Deployment, ReplicaSet,
/// ReplicationController or Job is deleted, the ReplicaSets and pods it owns are deleted after it
/// (a ReplicaSet at once, which in turn deletes its pods; a running pod gracefully).
/// </summary>
/// <remarks>
/// It learns owners and dependents from its own watches, so it acts one watch latency after the
/// owner's deletion. A dependent created after its owner was deleted (by a controller working from a
/// stale cache) is deleted as soon as the collector sees it. Simplifications: only the one controlling
/// owner reference objects carry is followed; foreground deletion, orphaning and the
/// <c>blockOwnerDeletion</c> bookkeeping are not modelled; a dependent whose owner never existed is
/// left alone (upstream would collect it once it found the owner missing).
/// </remarks>
public sealed class GarbageCollector
{
    private const string Name = "garbage-collector";

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    // Each owner's dependents; sorted (key order) only when the owner is collected.
    private readonly Dictionary<long, HashSet<ObjectKey>> _dependents = [];
    private readonly HashSet<long> _deletedOwners = [];

    internal GarbageCollector(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        foreach (var kind in new[] { Deployment.KindName, ReplicationController.KindName, Job.KindName })
        {
            _api.Watch(cluster.WatchOptionsFor(Name, kind), OnOwner);
        }

        _api.Watch(cluster.WatchOptionsFor(Name, ReplicaSet.KindName), OnReplicaSet);
        // Only a dependent's arrival and removal matter (OnDependent ignores the rest).
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName, filter: static e => e.Type != WatchEventType.Modified && ((Pod)e.Item).Owner is not null), OnPod);
    }

    /// <summary>Dependents it has deleted (or requested the deletion of) so far.</summary>
    public long Collected { get; private set; }

    private void OnOwner(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            Collect(e.Item.Metadata.Uid, e.Item.Key);
        }
    }

    private void OnReplicaSet(WatchEvent e)
    {
        OnDependent(e, ((ReplicaSet)e.Item).Owner);
        OnOwner(e);
    }

    private void OnPod(WatchEvent e) => OnDependent(e, ((Pod)e.Item).Owner);

    private void OnDependent(WatchEvent e, OwnerReference? owner)
    {
        if (owner is null || e.Type == WatchEventType.Modified)
        {
            return;
        }

        var key = e.Item.Key;
        if (e.Type == WatchEventType.Deleted)
        {
            if (_dependents.TryGetValue(owner.Uid, out var siblings) && siblings.Remove(key) && siblings.Count == 0)
            {
                _dependents.Remove(owner.Uid);
            }

            return;
        }

        if (_deletedOwners.Contains(owner.Uid))
        {
            Delete(key, owner.Uid, new ObjectKey(owner.Kind, key.Namespace, owner.Name));
            return;
        }

        if (!_dependents.TryGetValue(owner.Uid, out var dependents))
        {
            _dependents[owner.Uid] = dependents = [];
        }

        dependents.Add(key);
    }

    private void Collect(long ownerUid, ObjectKey owner)
    {
        _deletedOwners.Add(ownerUid);
        if (!_dependents.Remove(ownerUid, out var dependents))
        {
            return;
        }

        var keys = new ObjectKey[dependents.Count];
        dependents.CopyTo(keys);
        Array.Sort(keys);
        foreach (var key in keys)
        {
            Delete(key, ownerUid, owner);
        }
    }

    /// <summary>Deletes a dependent if it still belongs to the deleted owner.</summary>
    private void Delete(ObjectKey key, long ownerUid, ObjectKey owner)
    {
        var change = $"deleted (garbage collection: owner {owner} is gone)";
        var deleted = key.Kind switch
        {
            ReplicaSet.KindName => _api.Get<ReplicaSet>(key) is { } replicaSet && replicaSet.Owner?.Uid == ownerUid && _api.Delete(key, change: change).IsOk,
            Pod.KindName => _api.Get<Pod>(key) is { DeletionRequestedAt: null } pod && pod.Owner?.Uid == ownerUid
                && PodDeletion.Request(_api, key, _cluster.Simulation.Now, change),
            _ => false,
        };
        if (deleted)
        {
            Collected++;
        }
    }
}
