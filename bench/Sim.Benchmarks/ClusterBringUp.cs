using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Benchmarks;

/// <summary>
/// The cluster bring-up workload: <see cref="Nodes"/> nodes (64 cores, 256 GiB, 110 pods each) and
/// <see cref="Workloads"/> Deployments of <see cref="Replicas"/> replicas, run until every pod is
/// Running. Shared by the benchmark and the retained-memory measurement.
/// </summary>
internal sealed class ClusterBringUp(int nodes, int workloads, int replicas)
{
    public int Nodes { get; } = nodes;

    public int Workloads { get; } = workloads;

    public int Replicas { get; } = replicas;

    public int Pods => Workloads * Replicas;

    /// <summary>Builds the cluster, creates the workloads and runs until all pods run; returns the cluster.</summary>
    public SimulatedCluster Run()
    {
        var cluster = new SimulatedCluster(seed: 1, recordEvents: false);
        var allocatable = ResourceList.Builder().Cpu(64_000).Memory(256L << 30).Pods(110).Build();
        for (var i = 0; i < Nodes; i++)
        {
            cluster.AddNode($"node-{i:D5}", allocatable);
        }

        var kubectl = cluster.Client("kubectl");
        var container = new Container("app", ResourceList.Builder().Cpu(100).Memory(128L << 20).Build(), Image: "registry.example/app:1");
        for (var w = 0; w < Workloads; w++)
        {
            var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", $"app-{w}");
            kubectl.Create(new Deployment
            {
                Metadata = new ObjectMeta { Name = $"app-{w}", Namespace = "default" },
                Spec = new DeploymentSpec
                {
                    Replicas = Replicas,
                    Selector = LabelSelector.Parse($"app=app-{w}"),
                    Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [container] } },
                },
            });
        }

        // With the default timings every pod runs within about 3 s of simulated time.
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        return cluster;
    }

    /// <summary>The number of pods in phase Running.</summary>
    public static int RunningPods(SimulatedCluster cluster)
    {
        var running = 0;
        foreach (var obj in cluster.Api.List(Pod.KindName))
        {
            running += ((Pod)obj).Status.Phase == PodPhase.Running ? 1 : 0;
        }

        return running;
    }
}
