using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Metrics.Replication;

/// <summary>
/// The requests to one Service: the kube-proxies' views of its endpoints (grouped: proxies that
/// learned the same Endpoints object share one view), the current probability that a request
/// succeeds, and its integral over the current traffic window.
/// </summary>
internal sealed class ServiceFlow(ObjectKey key, double rate, SimRandom random, SimTime since)
{
    private SimTime _last = since;

    /// <summary>The Endpoints object's key (the Service's namespace and name).</summary>
    public ObjectKey Key { get; } = key;

    public double Rate { get; } = rate;

    public SimRandom Random { get; } = random;

    /// <summary>Each proxy's non-empty view, by node.</summary>
    public Dictionary<string, ImmutableArray<EndpointAddress>> ViewOf { get; } = new(StringComparer.Ordinal);

    /// <summary>How many proxies hold each view (views compare by reference).</summary>
    public Dictionary<ImmutableArray<EndpointAddress>, int> Holders { get; } = [];

    /// <summary>The probability that a request arriving now succeeds.</summary>
    public double Success { get; set; }

    /// <summary>∫ Success dt over the current window, in seconds.</summary>
    public double Exposure { get; private set; }

    /// <summary>Seconds of the current window the Service existed.</summary>
    public double Alive { get; private set; }

    public double LifetimeSeconds { get; private set; }

    public bool Ended { get; set; }

    public long Requests { get; set; }

    public long Successes { get; set; }

    public void Advance(SimTime now)
    {
        if (Ended || now <= _last)
        {
            return;
        }

        var dt = (now - _last).TotalSeconds;
        _last = now;
        Exposure += Success * dt;
        Alive += dt;
        LifetimeSeconds += dt;
    }

    /// <summary>Starts a new window: what the last one accumulated is returned and cleared.</summary>
    public (double Exposure, double Alive) TakeWindow()
    {
        var taken = (Math.Clamp(Exposure, 0, Alive), Alive);
        Exposure = 0;
        Alive = 0;
        return taken;
    }
}
