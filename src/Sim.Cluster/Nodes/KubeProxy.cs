using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Nodes;

/// <summary>
/// A node's kube-proxy: it learns every Service's endpoints through its own watch (so its view lags
/// the API server by the watch latency, and can be stale), and picks a backend for each request that
/// enters the cluster through its node: uniformly at random, as the iptables mode does, or round-robin
/// as the IPVS mode's default scheduler does.
/// </summary>
public sealed class KubeProxy
{
    private readonly Dictionary<ObjectKey, ImmutableArray<EndpointAddress>> _endpoints = [];
    private readonly Dictionary<ObjectKey, int> _next = [];
    private readonly SimRandom _random;

    internal KubeProxy(SimulatedCluster cluster, string nodeName, KubeProxyMode mode)
    {
        NodeName = nodeName;
        Mode = mode;
        var component = "kube-proxy/" + nodeName;
        _random = cluster.Streams.Child("kube-proxy").For(nodeName);
        cluster.Client(component).Watch(cluster.WatchOptionsFor(component, Endpoints.KindName), OnEndpoints);
    }

    /// <summary>The node it runs on.</summary>
    public string NodeName { get; }

    /// <summary>How it picks a backend.</summary>
    public KubeProxyMode Mode { get; }

    /// <summary>The backends this proxy currently knows for a service (possibly stale).</summary>
    public ImmutableArray<EndpointAddress> Backends(ObjectKey service) =>
        _endpoints.TryGetValue(Key(service), out var addresses) ? addresses : [];

    /// <summary>Picks the backend for one request to <paramref name="service"/>; null when it knows none.</summary>
    public EndpointAddress? Pick(ObjectKey service)
    {
        var key = Key(service);
        if (!_endpoints.TryGetValue(key, out var addresses) || addresses.IsEmpty)
        {
            return null;
        }

        if (Mode == KubeProxyMode.Random)
        {
            return addresses[_random.Next(addresses.Length)];
        }

        var next = _next.GetValueOrDefault(key);
        _next[key] = next + 1;
        return addresses[next % addresses.Length];
    }

    private static ObjectKey Key(ObjectKey service) => new(Endpoints.KindName, service.Namespace, service.Name);

    private void OnEndpoints(WatchEvent e)
    {
        var endpoints = (Endpoints)e.Item;
        if (e.Type == WatchEventType.Deleted)
        {
            _endpoints.Remove(endpoints.Key);
        }
        else
        {
            _endpoints[endpoints.Key] = endpoints.Addresses;
        }
    }
}
