using BenchmarkDotNet.Configs;

namespace Sim.Benchmarks;

/// <summary>Adds a rows-per-second column (1 / mean time per row) to the default configuration.</summary>
public sealed class RowsPerSecondConfig : ManualConfig
{
    public RowsPerSecondConfig() => AddColumn(new EventsPerSecondColumn("Rows/s", "Trace rows read into typed, validated records per wall-clock second on one core: 1 / mean time per row"));
}
