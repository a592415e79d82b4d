using BenchmarkDotNet.Attributes;

namespace Sim.Benchmarks;

/// <summary>
/// Bringing a cluster up: 1,000 nodes and 10 workloads × 1,000 replicas, created and run until all
/// 10,000 pods are Running. One operation is one pod (OperationsPerInvoke = pods), so the mean is the
/// wall time per pod and the allocation column is bytes allocated per pod. The workloads are
/// Deployments: Deployment controller, ReplicaSets, replication controller, binder, kubelets.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PodsPerSecondConfig))]
public class ClusterBenchmarks
{
    private const int Pods = 10_000;

    private readonly ClusterBringUp _workload = new(nodes: 1_000, workloads: 10, replicas: 1_000);

    [GlobalSetup]
    public void CheckTheWorkload()
    {
        var running = ClusterBringUp.RunningPods(_workload.Run());
        if (running != Pods)
        {
            throw new InvalidOperationException($"Only {running} of {Pods} pods are Running after the bring-up.");
        }
    }

    [Benchmark(OperationsPerInvoke = Pods)]
    public object BringUp() => _workload.Run();
}
