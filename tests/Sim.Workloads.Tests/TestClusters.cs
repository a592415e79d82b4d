using Sim.Cluster;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Workloads.Tests;

/// <summary>Small clusters for driving workloads.</summary>
internal static class TestClusters
{
    /// <summary><paramref name="nodes"/> nodes of <paramref name="milliCpu"/> and 8 GiB, spread over zones a, b and c.</summary>
    public static SimulatedCluster Build(ulong seed = 1, int nodes = 3, long milliCpu = 4000, SchedulerConfiguration? scheduler = null)
    {
        var cluster = new SimulatedCluster(seed, recordEvents: true, scheduler: scheduler);
        for (var i = 0; i < nodes; i++)
        {
            var zone = "zone-" + (char)('a' + (i % 3));
            cluster.AddNode($"node-{i}", ResourceList.Builder().Cpu(milliCpu).Memory(8L << 30).Pods(110).Set(ResourceNames.NvidiaGpu, 4).Build(), new Dictionary<string, string> { [Node.ZoneLabel] = zone });
        }

        return cluster;
    }

    /// <summary>A scheduler that packs pods (NodeResourcesFit with MostAllocated) instead of spreading them.</summary>
    public static SchedulerConfiguration Packing() => new()
    {
        Profiles =
        [
            new ProfileConfig
            {
                PluginConfig = System.Collections.Immutable.ImmutableDictionary.Create<string, object>(StringComparer.Ordinal)
                    .Add("NodeResourcesFit", new NodeResourcesFitArgs { ScoringStrategy = new ScoringStrategy { Type = ScoringStrategyType.MostAllocated } }),
            },
        ],
    };

    /// <summary>A 100m / 64 MiB pod shape.</summary>
    public static PodShape SmallPod() => new() { Cpu = Distribution.Constant(100), Memory = Distribution.Constant(64 << 20) };
}
