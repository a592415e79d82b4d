using BenchmarkDotNet.Configs;

namespace Sim.Benchmarks;

/// <summary>Adds the events-per-second column to the default configuration.</summary>
public sealed class EngineBenchmarkConfig : ManualConfig
{
    public EngineBenchmarkConfig() => AddColumn(new EventsPerSecondColumn());
}
