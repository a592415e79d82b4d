using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Nodes;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Metrics.Replication;

/// <summary>
/// Requests to Services, counted per traffic window without an event per request. A request enters
/// through a uniformly drawn entry node (a node the API server shows Ready), whose kube-proxy sends it
/// to a uniformly drawn backend of its own, possibly stale, view; it succeeds if that backend's
/// containers run, its node is up, and neither its node nor the entry node is partitioned (unless
/// they are the same node). Between two changes of any of these the success probability p is
/// constant, so its integral is exact; a window's requests are Poisson(rate × time the Service
/// existed) and its successes Binomial(requests, mean p), which is what a Poisson stream of requests
/// each succeeding with p(t) gives. docs/replication.md has the model.
/// </summary>
internal sealed class TrafficModel
{
    private readonly SimulatedCluster _cluster;
    private readonly ImmutableArray<ServiceTraffic> _rules;
    private readonly RandomStreams _streams;
    private readonly SortedDictionary<ObjectKey, ServiceFlow> _flows = [];
    private readonly List<ServiceFlow> _closing = [];
    private readonly List<ServiceFlow> _all = [];
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _abnormal = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Pod), Dictionary<ObjectKey, int>> _podFlows = [];
    private readonly List<(ImmutableArray<EndpointAddress> View, double Share)> _shares = [];

    public TrafficModel(SimulatedCluster cluster, ImmutableArray<ServiceTraffic> rules)
    {
        _cluster = cluster;
        _rules = rules;
        _streams = cluster.Streams.Child("traffic");
    }

    public IReadOnlyList<ServiceFlow> All => _all;

    public long Requests { get; private set; }

    public long Successes { get; private set; }

    /// <summary>The lowest success rate of a window with requests; null before one.</summary>
    public double? WorstWindow { get; private set; }

    public void OnWrite(ApiWrite write, SimTime now)
    {
        switch (write.After ?? write.Before)
        {
            case Service service:
                OnService(write.After as Service, service, now);
                break;
            case Node node:
                if (UpdateNode(node.Metadata.Name, write.After is Node { Status.Ready: NodeConditionStatus.True }))
                {
                    RecomputeAll(now);
                }

                break;
            case Pod pod:
                if (_podFlows.TryGetValue((pod.Metadata.Namespace, pod.Metadata.Name), out var flows))
                {
                    foreach (var key in flows.Keys)
                    {
                        if (_flows.TryGetValue(key, out var flow))
                        {
                            flow.Advance(now);
                            Recompute(flow);
                        }
                    }
                }

                break;
            default:
                break;
        }
    }

    public void OnKubelet(Kubelet kubelet, SimTime now)
    {
        UpdateNode(kubelet.NodeName, _entries.Contains(kubelet.NodeName));
        RecomputeAll(now); // its backends changed too
    }

    public void OnProxy(KubeProxy proxy, ObjectKey endpoints, SimTime now)
    {
        if (_flows.TryGetValue(endpoints, out var flow))
        {
            flow.Advance(now);
            SetView(flow, proxy.NodeName, proxy.Backends(endpoints));
            Recompute(flow);
        }
    }

    /// <summary>Closes the window ending now: draws each Service's requests and successes; returns the window's totals.</summary>
    public (long Requests, long Successes) CloseWindow(SimTime now)
    {
        long requests = 0, successes = 0;
        foreach (var flow in _flows.Values.Concat(_closing))
        {
            flow.Advance(now);
            var (exposure, alive) = flow.TakeWindow();
            var mean = flow.Rate * alive;
            var n = mean > 0 ? (long)Poisson.Sample(flow.Random, mean) : 0;
            var u = flow.Random.NextDouble(); // always drawn: the stream stays aligned across runs
            var s = BinomialInversion.Sample(n, alive > 0 ? exposure / alive : 0, u);
            flow.Requests += n;
            flow.Successes += s;
            requests += n;
            successes += s;
        }

        _closing.Clear();
        Requests += requests;
        Successes += successes;
        if (requests > 0)
        {
            var rate = (double)successes / requests;
            WorstWindow = WorstWindow is { } worst ? Math.Min(worst, rate) : rate;
        }

        return (requests, successes);
    }

    public void AdvanceAll(SimTime now)
    {
        foreach (var flow in _flows.Values)
        {
            flow.Advance(now);
        }
    }

    private void OnService(Service? after, Service service, SimTime now)
    {
        var key = new ObjectKey(Endpoints.KindName, service.Metadata.Namespace, service.Metadata.Name);
        if (after is null)
        {
            if (_flows.Remove(key, out var gone))
            {
                gone.Advance(now);
                gone.Ended = true;
                foreach (var view in gone.Holders.Keys.ToList())
                {
                    Index(gone, view, -1);
                }

                _closing.Add(gone);
            }

            return;
        }

        if (_flows.ContainsKey(key))
        {
            return; // the rate is the one the Service got when it was created
        }

        var rate = 0.0;
        foreach (var rule in _rules)
        {
            if (rule.Matches(after))
            {
                rate = rule.RatePerSecond;
                break;
            }
        }

        if (rate <= 0)
        {
            return;
        }

        var flow = new ServiceFlow(key, rate, _streams.For(key.Namespace + "/" + key.Name), now);
        _flows.Add(key, flow);
        _all.Add(flow);
        foreach (var (node, proxy) in _cluster.Proxies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            SetView(flow, node, proxy.Backends(key));
        }

        Recompute(flow);
    }

    /// <summary>Records whether a node is an entry (Ready in the API server) and whether it is abnormal; true if either changed.</summary>
    private bool UpdateNode(string node, bool entry)
    {
        var changed = entry ? _entries.Add(node) : _entries.Remove(node);
        var abnormal = !entry || _cluster.Kubelets.TryGetValue(node, out var kubelet) && (kubelet.IsDown || kubelet.IsPartitioned);
        changed |= abnormal ? _abnormal.Add(node) : _abnormal.Remove(node);
        return changed;
    }

    private void RecomputeAll(SimTime now)
    {
        foreach (var flow in _flows.Values)
        {
            flow.Advance(now);
            Recompute(flow);
        }
    }

    private void SetView(ServiceFlow flow, string node, ImmutableArray<EndpointAddress> view)
    {
        var had = flow.ViewOf.TryGetValue(node, out var old);
        if (had && old == view)
        {
            return;
        }

        if (had)
        {
            flow.ViewOf.Remove(node);
            var count = flow.Holders[old] - 1;
            if (count == 0)
            {
                flow.Holders.Remove(old);
                Index(flow, old, -1);
            }
            else
            {
                flow.Holders[old] = count;
            }
        }

        if (view.IsDefaultOrEmpty)
        {
            return;
        }

        flow.ViewOf[node] = view;
        if (flow.Holders.TryGetValue(view, out var holders))
        {
            flow.Holders[view] = holders + 1;
        }
        else
        {
            flow.Holders[view] = 1;
            Index(flow, view, +1);
        }
    }

    /// <summary>Counts (or uncounts) the pods of a view as backends of the flow, so their writes recompute it.</summary>
    private void Index(ServiceFlow flow, ImmutableArray<EndpointAddress> view, int delta)
    {
        foreach (var address in view)
        {
            var pod = (flow.Key.Namespace, address.PodName);
            if (!_podFlows.TryGetValue(pod, out var flows))
            {
                _podFlows[pod] = flows = [];
            }

            var count = flows.GetValueOrDefault(flow.Key) + delta;
            if (count > 0)
            {
                flows[flow.Key] = count;
            }
            else
            {
                flows.Remove(flow.Key);
                if (flows.Count == 0)
                {
                    _podFlows.Remove(pod);
                }
            }
        }
    }

    /// <summary>The success probability now: the mean over entry nodes of the share of their view that answers them.</summary>
    private void Recompute(ServiceFlow flow)
    {
        if (_entries.Count == 0)
        {
            flow.Success = 0;
            return;
        }

        _shares.Clear();
        var sum = 0.0;
        foreach (var (view, holders) in flow.Holders)
        {
            var share = (double)Answering(view, from: null) / view.Length;
            _shares.Add((view, share));
            sum += holders * share;
        }

        foreach (var node in _abnormal)
        {
            if (!flow.ViewOf.TryGetValue(node, out var view))
            {
                continue;
            }

            sum -= ShareOf(view);
            if (_entries.Contains(node) && _cluster.Kubelets.TryGetValue(node, out var kubelet) && !kubelet.IsDown && kubelet.IsPartitioned)
            {
                sum += (double)Answering(view, from: node) / view.Length;
            }
        }

        flow.Success = Math.Clamp(sum / _entries.Count, 0, 1);
    }

    private double ShareOf(ImmutableArray<EndpointAddress> view)
    {
        foreach (var (known, share) in _shares)
        {
            if (known == view)
            {
                return share;
            }
        }

        return 0;
    }

    /// <summary>
    /// Backends of <paramref name="view"/> whose containers run: from a normal entry node (null), those
    /// on nodes that are not partitioned; from a partitioned node, only those on that node.
    /// </summary>
    private int Answering(ImmutableArray<EndpointAddress> view, string? from)
    {
        var count = 0;
        foreach (var address in view)
        {
            if (!_cluster.Kubelets.TryGetValue(address.NodeName, out var kubelet) || !kubelet.RunsContainers(address.PodName))
            {
                continue;
            }

            if (from is null ? !kubelet.IsPartitioned : string.Equals(address.NodeName, from, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
