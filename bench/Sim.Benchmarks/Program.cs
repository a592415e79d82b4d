using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Sim.Benchmarks;

if (args.Length > 0 && args[0] == "queueing")
{
    return QueueingValidation.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "fill-grid")
{
    return FillGrid.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "cluster-memory")
{
    return ClusterMemory.Run();
}

// The generated benchmark project builds every referenced project (Sim.Experiments brings six): on a
// busy 2-core machine that takes longer than BenchmarkDotNet's default two minutes.
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
