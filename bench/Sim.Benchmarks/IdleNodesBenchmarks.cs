using BenchmarkDotNet.Attributes;
using Sim.Cluster;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Benchmarks;

/// <summary>
/// What an idle cluster costs: 2,000 nodes without pods, run for a simulated hour, so the cost is that
/// of the control plane's steady work, the kubelets' lease renewals (one write and one watch delivery
/// each, every 10 s) and the node lifecycle controller's monitor passes over every node (every 5 s).
/// One operation is one node for one simulated hour: the mean is the wall time per node-hour, and a
/// simulated day of N idle nodes takes 24·N times it.
/// </summary>
[MemoryDiagnoser]
public class IdleNodesBenchmarks
{
    private const int Nodes = 2_000;

    private SimulatedCluster _cluster = null!;

    /// <summary>A new cluster, its nodes registered and their leases created (the first simulated second).</summary>
    [IterationSetup]
    public void RegisterNodes()
    {
        _cluster = new SimulatedCluster(seed: 1, recordEvents: false);
        var allocatable = ResourceList.Builder().Cpu(64_000).Memory(256L << 30).Pods(110).Build();
        for (var i = 0; i < Nodes; i++)
        {
            _cluster.AddNode($"node-{i:D5}", allocatable);
        }

        _cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
    }

    /// <summary>Runs the idle cluster for one more simulated hour; returns the events run so far.</summary>
    [Benchmark(OperationsPerInvoke = Nodes)]
    public long IdleHour()
    {
        var simulation = _cluster.Simulation;
        simulation.RunUntil(simulation.Now + TimeSpan.FromHours(1));
        return simulation.EventsExecuted;
    }
}
