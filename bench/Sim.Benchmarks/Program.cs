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

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
