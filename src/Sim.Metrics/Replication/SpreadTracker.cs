using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Metrics.Replication;

/// <summary>
/// For each Service, the distinct nodes and zones its ready endpoints (the endpoints controller's
/// Endpoints object) sit on, integrated over the Endpoints object's life.
/// </summary>
internal sealed class SpreadTracker
{
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, Spread> _live = [];
    private readonly List<Spread> _all = [];

    public IReadOnlyList<Spread> All => _all;

    public void OnWrite(ApiWrite write, SimTime now)
    {
        switch (write.After ?? write.Before)
        {
            case Node node:
                if (write.After is not null && node.Metadata.Labels.TryGetValue(Node.ZoneLabel, out var zone))
                {
                    _zones[node.Metadata.Name] = zone;
                }

                break;
            case Endpoints endpoints:
                if (!_live.TryGetValue(endpoints.Key, out var spread))
                {
                    if (write.After is null)
                    {
                        return;
                    }

                    spread = new Spread(endpoints.Key, now);
                    _live.Add(endpoints.Key, spread);
                    _all.Add(spread);
                }

                spread.Advance(now);
                if (write.After is Endpoints current)
                {
                    spread.Nodes = current.Addresses.Select(a => a.NodeName).Distinct(StringComparer.Ordinal).Count();
                    spread.Zones = current.Addresses.Select(a => _zones.GetValueOrDefault(a.NodeName)).OfType<string>().Distinct(StringComparer.Ordinal).Count();
                }
                else
                {
                    spread.Ended = true;
                    _live.Remove(endpoints.Key);
                }

                break;
            default:
                break;
        }
    }

    public void AdvanceAll(SimTime now)
    {
        foreach (var spread in _all)
        {
            spread.Advance(now);
        }
    }

    /// <summary>One Service's spread: current distinct nodes and zones, and their time integrals.</summary>
    internal sealed class Spread(ObjectKey key, SimTime since)
    {
        private SimTime _last = since;

        public ObjectKey Key { get; } = key;

        public int Nodes { get; set; }

        public int Zones { get; set; }

        public bool Ended { get; set; }

        public double AliveSeconds { get; private set; }

        public double NodeSeconds { get; private set; }

        public double ZoneSeconds { get; private set; }

        public double NodesMean => AliveSeconds > 0 ? NodeSeconds / AliveSeconds : Nodes;

        public double ZonesMean => AliveSeconds > 0 ? ZoneSeconds / AliveSeconds : Zones;

        public void Advance(SimTime now)
        {
            if (Ended || now <= _last)
            {
                return;
            }

            var dt = (now - _last).TotalSeconds;
            _last = now;
            AliveSeconds += dt;
            NodeSeconds += Nodes * dt;
            ZoneSeconds += Zones * dt;
        }
    }
}
