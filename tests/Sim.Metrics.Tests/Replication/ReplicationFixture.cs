using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Metrics.Replication;

namespace Sim.Metrics.Tests.Replication;

/// <summary>
/// Three one-CPU nodes a, b, c in zones z-a, z-b, z-c, a Deployment "web" of three 600m replicas (so
/// exactly one fits each node) and its Service, with Kubernetes' default timings; the collector
/// starts at 10 s, when every replica is ready.
/// </summary>
internal static class ReplicationFixture
{
    public static readonly ObjectKey Web = new(Endpoints.KindName, "default", "web");

    public static (SimulatedCluster Cluster, ReplicationCollector Collector) Start(double ratePerSecond = 100, TimeSpan? window = null, bool collect = true)
    {
        var cluster = new SimulatedCluster(seed: 3, recordEvents: true);
        foreach (var name in new[] { "a", "b", "c" })
        {
            cluster.AddNode(name, ResourceList.Builder().Cpu(1000).Memory(4L << 30).Pods(110).Build(), new Dictionary<string, string> { [Node.ZoneLabel] = "z-" + name });
        }

        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = labels },
            Spec = new DeploymentSpec
            {
                Replicas = 3,
                Selector = LabelSelector.Parse("app=web"),
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(600).Memory(64L << 20).Build(), Image: "web:1")] } },
            },
        });
        kubectl.Create(new Service { Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = labels }, Selector = labels, Ports = [new ServicePort(80, 80)] });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var collector = new ReplicationCollector(cluster, new ReplicationOptions
        {
            Traffic = [new ServiceTraffic { Selector = LabelSelector.Parse("app=web"), RatePerSecond = ratePerSecond }],
            TrafficWindow = window ?? TimeSpan.FromMinutes(1),
        });
        if (collect)
        {
            collector.Start();
        }

        return (cluster, collector);
    }

    /// <summary>The node the web pod runs on.</summary>
    public static string PodOn(SimulatedCluster cluster, string node) =>
        cluster.Api.List(Pod.KindName).Cast<Pod>().Single(p => p.IsActive && p.Spec.NodeName == node).Metadata.Name;

    /// <summary>The web Service's current success probability.</summary>
    public static double Success(ReplicationCollector collector) => collector.Traffic.All.Single(f => f.Key == Web).Success;

    public static double Value(this IReadOnlyList<Metric> metrics, string name) => metrics.Single(m => m.Name == name).Value;
}
