using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The endpoints controller: each Service's Endpoints object lists the ready, active, bound pods its
/// selector matches, ordered by pod name. It re-syncs a service when the service changes or when a
/// pod that matches it (before or after the change) changes.
/// </summary>
public sealed class EndpointsController
{
    private const string Name = "endpoints-controller";

    private readonly ApiClient _api;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly SortedDictionary<ObjectKey, Service> _services = [];
    // Every pod by uid (one to one with its key while it exists), the latest version of each.
    private readonly UidMap<Pod> _pods = new();

    // Per service, the cached pods its selector matches, by name: a sync reads only its own pods.
    private readonly Dictionary<ObjectKey, SortedDictionary<string, Pod>> _selected = [];

    // The services with a selector, by one label it requires: a pod event looks at those its labels
    // (before and after) might match, in key order, instead of at every service.
    private readonly SelectorIndex _index = new();

    internal EndpointsController(SimulatedCluster cluster)
    {
        _api = cluster.Client(Name);
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, Service.KindName), OnService);
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    private void OnService(WatchEvent e)
    {
        var service = (Service)e.Item;
        if (e.Type == WatchEventType.Deleted)
        {
            _services.Remove(service.Key);
            _selected.Remove(service.Key);
            _index.Remove(service.Key);
        }
        else
        {
            var known = _services.TryGetValue(service.Key, out var previous) && previous.Selector.SequenceEqual(service.Selector);
            _services[service.Key] = service;
            if (!known)
            {
                var selected = new SortedDictionary<string, Pod>(StringComparer.Ordinal);
                foreach (var pod in _pods.Values)
                {
                    if (Selects(service, pod))
                    {
                        selected.Add(pod.Metadata.Name, pod);
                    }
                }

                _selected[service.Key] = selected;
                if (service.Selector.Count > 0)
                {
                    var (key, value) = service.Selector.First();
                    _index.Set(service.Key, (key, value));
                }
                else
                {
                    _index.Remove(service.Key);
                }
            }
        }

        _queue.Add(service.Key);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        Pod? before;
        if (e.Type == WatchEventType.Deleted)
        {
            before = _pods.Remove(pod.Metadata.Uid);
        }
        else
        {
            before = _pods.Set(pod.Metadata.Uid, pod);
        }

        if (_index.Count == 0)
        {
            return;
        }

        // A service holds the pod in its selected set exactly when it selects the version seen before
        // (its set was filled from the cached pods and follows every event since): the services that
        // select neither that version nor this one have nothing to do, and the rest are taken in key
        // order, as a loop over every service would meet them.
        var deleted = e.Type == WatchEventType.Deleted;
        foreach (var key in _index.CandidatesFor(deleted ? null : pod.Metadata, before?.Metadata))
        {
            var service = _services[key];
            var selected = _selected[key];
            if (!deleted && Selects(service, pod))
            {
                selected[pod.Metadata.Name] = pod;
                _queue.Add(key);
            }
            else if (selected.Remove(pod.Metadata.Name) || (before is not null && Selects(service, before)))
            {
                _queue.Add(key);
            }
        }
    }

    private static bool Selects(Service service, Pod pod) =>
        service.Metadata.Namespace == pod.Metadata.Namespace && service.Selector.Count > 0 && Selectors.Matches(service.Selector, pod.Metadata.Labels);

    private void Sync(ObjectKey serviceKey)
    {
        var endpointsKey = new ObjectKey(Endpoints.KindName, serviceKey.Namespace, serviceKey.Name);
        var existing = _api.Get<Endpoints>(endpointsKey);
        if (!_services.TryGetValue(serviceKey, out var service))
        {
            if (existing is not null)
            {
                _api.Delete(endpointsKey, change: "service deleted");
            }

            return;
        }

        if (service.Selector.Count == 0)
        {
            return;
        }

        var ready = ImmutableArray.CreateBuilder<EndpointAddress>();
        foreach (var p in _selected[serviceKey].Values)
        {
            if (p.IsBound && p.IsActive && p.Status.IsReady)
            {
                ready.Add(new EndpointAddress(p.Metadata.Name, p.Spec.NodeName));
            }
        }

        var addresses = ready.ToImmutable();
        var change = $"{addresses.Length} ready address(es)";
        if (existing is null)
        {
            _api.Create(new Endpoints { Metadata = new ObjectMeta { Name = service.Metadata.Name, Namespace = service.Metadata.Namespace }, Addresses = addresses }, change);
        }
        else if (!existing.Addresses.SequenceEqual(addresses))
        {
            _api.Update(existing with { Addresses = addresses }, change);
        }
    }
}
