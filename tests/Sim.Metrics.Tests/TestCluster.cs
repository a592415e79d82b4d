using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Metrics.Tests;

/// <summary>Small clusters and pods for hand-computed metric expectations.</summary>
internal static class TestCluster
{
    public const long GiB = 1L << 30;

    /// <summary>No watch latency and no API round trip: a pod created at t is scheduled and bound at t.</summary>
    public static ClusterTimings Instant { get; } = new() { WatchLatency = Delay.Zero, ApiRequestLatency = TimeSpan.Zero };

    /// <summary>A cluster with instant timings (or <paramref name="timings"/>) and these nodes (milli-CPU, bytes, GPUs).</summary>
    public static SimulatedCluster Create(ClusterTimings? timings = null, params (string Name, long MilliCpu, long Memory, long Gpus)[] nodes)
    {
        var cluster = new SimulatedCluster(seed: 1, timings ?? Instant, recordEvents: true);
        foreach (var (name, milliCpu, memory, gpus) in nodes)
        {
            AddNode(cluster, name, milliCpu, memory, gpus);
        }

        return cluster;
    }

    public static void AddNode(SimulatedCluster cluster, string name, long milliCpu, long memory, long gpus = 0)
    {
        var builder = ResourceList.Builder().Cpu(milliCpu).Memory(memory).Pods(110);
        if (gpus > 0)
        {
            builder = builder.Set(ResourceNames.NvidiaGpu, gpus);
        }

        cluster.AddNode(name, builder.Build());
    }

    /// <summary>Cordons (or uncordons) a node, as <c>kubectl cordon</c> does.</summary>
    public static void SetCordon(this SimulatedCluster cluster, string node, bool cordoned) =>
        cluster.Client("kubectl").Modify<Node>(new(Node.KindName, string.Empty, node), n => n with { Spec = n.Spec with { Unschedulable = cordoned } }, cordoned ? "cordoned" : "uncordoned");

    /// <summary>A pod with one container requesting these amounts; bound at creation when <paramref name="node"/> is given.</summary>
    public static Pod Pod(string name, long milliCpu, long memory, int priority = 0, string node = "", long gpus = 0)
    {
        var requests = ResourceList.Builder().Cpu(milliCpu).Memory(memory);
        if (gpus > 0)
        {
            requests = requests.Set(ResourceNames.NvidiaGpu, gpus);
        }

        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container("app", requests.Build())], Priority = priority, NodeName = node },
        };
    }

    public static ObjectKey KeyOf(string podName) => new(Cluster.Objects.Pod.KindName, "default", podName);

    public static void RunTo(this SimulatedCluster cluster, long seconds) => cluster.Simulation.RunUntil(SimTime.FromSeconds(seconds));

    /// <summary>The final value named <paramref name="name"/>.</summary>
    public static double Value(this IReadOnlyList<Metric> metrics, string name) => metrics.Single(m => m.Name == name).Value;
}
