using BenchmarkDotNet.Configs;

namespace Sim.Benchmarks;

/// <summary>Adds a pods-per-second column (1 / mean time per pod) to the default configuration.</summary>
public sealed class PodsPerSecondConfig : ManualConfig
{
    public PodsPerSecondConfig() => AddColumn(new EventsPerSecondColumn("Pods/s", "Pods brought to Running per wall-clock second: 1 / mean time per pod"));
}
