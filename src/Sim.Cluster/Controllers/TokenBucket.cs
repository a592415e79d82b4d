using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A token bucket of burst 1 (client-go's <c>NewTokenBucketRateLimiter(qps, 1)</c>), in simulated
/// time: it starts full, an accepted request empties it, and it refills in 1/<see cref="Rate"/>
/// seconds. A rate of zero or less never accepts (<c>NewFakeNeverRateLimiter</c>).
/// </summary>
internal sealed class TokenBucket
{
    private readonly long _intervalTicks;
    private SimTime? _lastAccepted;

    public TokenBucket(double rate)
    {
        Rate = rate;
        _intervalTicks = rate > 0 ? (long)Math.Round(TimeSpan.TicksPerSecond / rate) : 0;
    }

    /// <summary>Requests per second; zero or less for never.</summary>
    public double Rate { get; }

    /// <summary>When the bucket next holds a token; null for never.</summary>
    public SimTime? NextTokenAt => Rate <= 0 ? null : _lastAccepted is { } last ? last + TimeSpan.FromTicks(_intervalTicks) : SimTime.Zero;

    /// <summary>Takes the token if the bucket holds one at <paramref name="now"/>.</summary>
    public bool TryAccept(SimTime now)
    {
        if (NextTokenAt is not { } next || now < next)
        {
            return false;
        }

        _lastAccepted = now;
        return true;
    }
}
