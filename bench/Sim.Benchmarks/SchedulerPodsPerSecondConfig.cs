using BenchmarkDotNet.Configs;

namespace Sim.Benchmarks;

/// <summary>Adds a pods-per-second column (1 / mean time per pod) for scheduling throughput.</summary>
public sealed class SchedulerPodsPerSecondConfig : ManualConfig
{
    public SchedulerPodsPerSecondConfig() => AddColumn(new EventsPerSecondColumn("Pods/s", "Pods scheduled (schedule + assume) per wall-clock second: 1 / mean time per pod"));
}
