using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Metrics.Replication;

/// <summary>One replicated workload's counts and exact time integrals.</summary>
internal sealed class WorkloadAccount(ObjectKey key, int desired, SimTime since)
{
    private SimTime _last = since;

    public ObjectKey Key { get; } = key;

    public int Desired { get; private set; } = desired;

    public int MaxDesired { get; private set; } = desired;

    public int Serving { get; private set; }

    public long PodsCreated { get; set; }

    public double AliveSeconds { get; private set; }

    public double AvailableSeconds { get; private set; }

    public double DeficitSeconds { get; private set; }

    public bool Ended { get; private set; }

    /// <summary>Fully served: at least as many serving replicas as desired.</summary>
    public bool IsWhole => Serving >= Desired;

    public double Fraction => Desired <= 0 ? 1.0 : Math.Min(1.0, (double)Serving / Desired);

    /// <summary>Integrates the current values up to <paramref name="now"/>.</summary>
    public void Advance(SimTime now)
    {
        if (Ended || now <= _last)
        {
            return;
        }

        var dt = (now - _last).TotalSeconds;
        _last = now;
        AliveSeconds += dt;
        AvailableSeconds += Fraction * dt;
        DeficitSeconds += Math.Max(0, Desired - Serving) * dt;
    }

    public void SetDesired(int desired, SimTime now)
    {
        Advance(now);
        Desired = desired;
        MaxDesired = Math.Max(MaxDesired, desired);
    }

    public void AddServing(int delta, SimTime now)
    {
        Advance(now);
        Serving += delta;
    }

    public void End(SimTime now)
    {
        Advance(now);
        Ended = true;
    }

    public double Availability => AliveSeconds > 0 ? AvailableSeconds / AliveSeconds : Fraction;

    public long Recreated => Math.Max(0, PodsCreated - MaxDesired);
}
