using System.Collections.Immutable;

namespace Sim.Metrics.Replication;

/// <summary>What a <see cref="ReplicationCollector"/> measures, with documented defaults.</summary>
public sealed record ReplicationOptions
{
    /// <summary>
    /// The request rates: each Service takes the rate of the first rule that matches it when it is
    /// created; a Service no rule matches gets no requests. Default: none (no traffic).
    /// </summary>
    public ImmutableArray<ServiceTraffic> Traffic { get; init; } = [];

    /// <summary>
    /// The length of the traffic windows: requests are drawn per window, the worst window's success
    /// rate is reported, and the series is sampled at each window's end. Default 60 s; must be positive.
    /// </summary>
    public TimeSpan TrafficWindow { get; init; } = TimeSpan.FromMinutes(1);
}
