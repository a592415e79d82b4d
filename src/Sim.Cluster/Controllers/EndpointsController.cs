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
    private readonly Dictionary<ObjectKey, Pod> _pods = [];

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
        }
        else
        {
            _services[service.Key] = service;
        }

        _queue.Add(service.Key);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        _pods.TryGetValue(pod.Key, out var before);
        if (e.Type == WatchEventType.Deleted)
        {
            _pods.Remove(pod.Key);
        }
        else
        {
            _pods[pod.Key] = pod;
        }

        foreach (var (key, service) in _services)
        {
            if (service.Metadata.Namespace == pod.Metadata.Namespace && service.Selector.Count > 0
                && (Selectors.Matches(service.Selector, pod.Metadata.Labels) || (before is not null && Selectors.Matches(service.Selector, before.Metadata.Labels))))
            {
                _queue.Add(key);
            }
        }
    }

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

        var addresses = _pods.Values
            .Where(p => p.Metadata.Namespace == service.Metadata.Namespace && p.IsBound && p.IsActive && p.Status.IsReady
                && Selectors.Matches(service.Selector, p.Metadata.Labels))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new EndpointAddress(p.Metadata.Name, p.Spec.NodeName))
            .ToImmutableArray();
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
