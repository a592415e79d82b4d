namespace Sim.Metrics;

/// <summary>One point of the time series: a metric's value at a sampling tick.</summary>
/// <param name="TimeSeconds">The simulated time of the tick, in seconds since the simulation's time zero.</param>
/// <param name="Metric">The metric's name (see <see cref="MetricsCollector.SeriesNames"/>).</param>
/// <param name="Value">Its value at that time.</param>
public readonly record struct Sample(double TimeSeconds, string Metric, double Value);
