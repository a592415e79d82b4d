namespace Sim.Metrics;

/// <summary>One end-of-run value.</summary>
/// <param name="Name">The column name, snake_case with its unit (see <see cref="MetricNames"/>).</param>
/// <param name="Value">The value; <see cref="double.NaN"/> where nothing was measured (a latency with no pod).</param>
public readonly record struct Metric(string Name, double Value);
