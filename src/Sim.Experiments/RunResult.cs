using Sim.Metrics;

namespace Sim.Experiments;

/// <summary>What one run produced.</summary>
/// <param name="Run">The run.</param>
/// <param name="Final">The end-of-run metrics, in <see cref="RunExecutor.MetricNames"/> order.</param>
/// <param name="Series">The sampled time series.</param>
/// <param name="Events">Simulation events executed.</param>
/// <param name="PodsScheduled">Pods the scheduler bound.</param>
/// <param name="WallSeconds">Wall-clock seconds the run took (machine-dependent).</param>
/// <param name="PeakMemoryBytes">The process's peak working set when the run ended (machine-dependent; shared by parallel runs).</param>
/// <param name="EventLog">The run's API writes as JSON lines when the scenario asks for them; otherwise null.</param>
public sealed record RunResult(
    RunSpec Run,
    IReadOnlyList<Metric> Final,
    IReadOnlyList<Sample> Series,
    long Events,
    long PodsScheduled,
    double WallSeconds,
    long PeakMemoryBytes,
    string? EventLog)
{
    /// <summary>The end-of-run measures of each replicated workload and Service (<c>workloads.csv</c>).</summary>
    public IReadOnlyList<Results.WorkloadMetric> Workloads { get; init; } = [];
}
