using Sim.Cluster;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Workloads;

namespace Sim.Faults.Tests;

/// <summary>Small clusters with a Deployment workload for fault tests.</summary>
internal static class TestClusters
{
    /// <summary><paramref name="nodes"/> nodes of 4 CPUs and 8 GiB named n0, n1 … in zones a, b, c round-robin.</summary>
    public static SimulatedCluster Nodes(int nodes, ulong seed = 7)
    {
        var cluster = new SimulatedCluster(seed, recordEvents: true);
        for (var i = 0; i < nodes; i++)
        {
            var labels = new Dictionary<string, string> { [Node.ZoneLabel] = ((char)('a' + (i % 3))).ToString() };
            cluster.AddNode($"n{i}", ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build(), labels);
        }

        return cluster;
    }

    /// <summary>
    /// <paramref name="nodes"/> nodes and <paramref name="deployments"/> Deployments named web-0 … of
    /// <paramref name="replicas"/> 100m pods each, with Services, started at time 0.
    /// </summary>
    public static SimulatedCluster WithWeb(int nodes, int deployments, int replicas, IntOrPercent? minAvailable = null, ulong seed = 7)
    {
        var cluster = Nodes(nodes, seed);
        new WorkloadDriver(cluster,
        [
            new DeploymentWorkload
            {
                Name = "web",
                Count = deployments,
                Replicas = Distribution.Constant(replicas),
                Pod = new PodShape { Cpu = Distribution.Constant(100), Memory = Distribution.Constant(64 << 20) },
                MinAvailable = minAvailable,
            },
        ]).Start();
        return cluster;
    }

    public static List<Pod> ActivePods(SimulatedCluster cluster) =>
        cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive).ToList();
}
