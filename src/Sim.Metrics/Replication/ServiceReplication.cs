namespace Sim.Metrics.Replication;

/// <summary>One Service's measures (see docs/replication.md).</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="LifetimeSeconds">Seconds its endpoints existed since the collector started.</param>
/// <param name="NodesMean">Time-weighted mean of the distinct nodes its ready endpoints are on.</param>
/// <param name="ZonesMean">Time-weighted mean of the distinct zones of those nodes.</param>
/// <param name="RatePerSecond">Its request rate (0 without traffic).</param>
/// <param name="Requests">Requests drawn in complete traffic windows.</param>
/// <param name="Successes">Those that succeeded.</param>
public sealed record ServiceReplication(
    string Namespace,
    string Name,
    double LifetimeSeconds,
    double NodesMean,
    double ZonesMean,
    double RatePerSecond,
    long Requests,
    long Successes);
