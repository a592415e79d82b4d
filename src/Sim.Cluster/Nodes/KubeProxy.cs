using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Nodes;

/// <summary>
/// A node's kube-proxy: it learns every Service's endpoints through its own watch (so its view lags
/// the API server by the watch latency, and can be stale), and picks a backend for each request that
/// enters the cluster through its node: uniformly at random, as the iptables mode does, or round-robin
/// as the IPVS mode's default scheduler does. While its node is down or partitioned it sees no
/// changes; when the node comes back it re-lists every Service's endpoints.
/// </summary>
public sealed class KubeProxy
{
    private readonly Dictionary<ObjectKey, ImmutableArray<EndpointAddress>> _endpoints = [];
    private readonly Dictionary<ObjectKey, int> _next = [];
    private readonly SimRandom _random;
    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;

    internal KubeProxy(SimulatedCluster cluster, string nodeName, KubeProxyMode mode)
    {
        _cluster = cluster;
        NodeName = nodeName;
        Mode = mode;
        var component = "kube-proxy/" + nodeName;
        _random = cluster.Streams.Child("kube-proxy").For(nodeName);
        _api = cluster.Client(component);
        _api.Watch(cluster.WatchOptionsFor(component, Endpoints.KindName), OnEndpoints);
    }

    /// <summary>False while its node is down or partitioned: it sees no endpoint changes then.</summary>
    public bool IsConnected { get; private set; } = true;

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

    /// <summary>Its node went down or was partitioned (false), or came back (true): then it re-lists every Service's endpoints.</summary>
    internal void SetConnected(bool connected)
    {
        if (connected == IsConnected)
        {
            return;
        }

        IsConnected = connected;
        if (!connected)
        {
            return;
        }

        var listed = new HashSet<ObjectKey>();
        foreach (Endpoints endpoints in _api.List(Endpoints.KindName))
        {
            listed.Add(endpoints.Key);
            Set(endpoints.Key, endpoints.Addresses);
        }

        foreach (var key in _endpoints.Keys.Where(k => !listed.Contains(k)).Order().ToList())
        {
            Remove(key);
        }
    }

    private static ObjectKey Key(ObjectKey service) => new(Endpoints.KindName, service.Namespace, service.Name);

    private void OnEndpoints(WatchEvent e)
    {
        if (!IsConnected)
        {
            return;
        }

        var endpoints = (Endpoints)e.Item;
        if (e.Type == WatchEventType.Deleted)
        {
            Remove(endpoints.Key);
        }
        else
        {
            Set(endpoints.Key, endpoints.Addresses);
        }
    }

    private void Set(ObjectKey key, ImmutableArray<EndpointAddress> addresses)
    {
        if (_endpoints.TryGetValue(key, out var known) && known == addresses)
        {
            return;
        }

        _endpoints[key] = addresses;
        _cluster.ProxyChanged(this, key);
    }

    private void Remove(ObjectKey key)
    {
        if (_endpoints.Remove(key))
        {
            _cluster.ProxyChanged(this, key);
        }
    }
}
