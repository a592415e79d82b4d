using System.Diagnostics;
using System.Globalization;

namespace Sim.Benchmarks;

/// <summary>
/// Retained memory per running pod after the <see cref="ClusterBenchmarks"/> bring-up: the managed heap
/// after a full collection with the cluster alive, minus the heap before it was built, over the pods.
/// </summary>
/// <remarks>Usage: <c>dotnet run -c Release -- cluster-memory</c>.</remarks>
internal static class ClusterMemory
{
    public static int Run()
    {
        var workload = new ClusterBringUp(nodes: 1_000, workloads: 10, replicas: 1_000);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var cluster = workload.Run();
        var wall = clock.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var running = ClusterBringUp.RunningPods(cluster);
        GC.KeepAlive(cluster);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{running:N0} pods running on {workload.Nodes:N0} nodes; {cluster.Simulation.EventsExecuted:N0} events; first run {wall:F2} s wall ({running / wall:F0} pods/s, JIT included)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retained: {(after - before) / 1e6:F1} MB in all, {(double)(after - before) / running:F0} bytes per running pod (nodes, API store, caches and queues included)"));
        return running == workload.Pods ? 0 : 1;
    }
}
