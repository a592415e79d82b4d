using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Benchmarks;

/// <summary>
/// The shape of kube-scheduler's scheduler_perf workloads (test/integration/scheduler_perf): nodes from
/// its node-default template (4 CPU, 32 GiB, 110 pods), init pods placed first, then measured pods
/// scheduled one cycle at a time with the default profile: Schedule, then assume on the chosen node, as
/// the scheduler's critical path (binding is asynchronous and off that path upstream too).
/// </summary>
public sealed class SchedulerWorkload
{
    private static readonly string[] Zones = ["moon-1", "moon-2", "moon-3"];

    private readonly SchedulerProfile _profile;
    private readonly SchedulingAlgorithm _algorithm;
    private readonly CycleState _state = new();

    private SchedulerWorkload(int nodes, Func<int, Pod> initPod, int initPods)
    {
        var nodeList = new List<Node>(nodes);
        var allocatable = ResourceList.Builder().Cpu(4000).Memory(32L << 30).Pods(110).Build();
        for (var i = 0; i < nodes; i++)
        {
            var name = $"scheduler-perf-{i:D5}";
            var labels = new Dictionary<string, string> { [Node.HostnameLabel] = name, [Node.ZoneLabel] = Zones[i % Zones.Length] };
            nodeList.Add(new Node
            {
                Metadata = new ObjectMeta { Name = name, Labels = labels.ToImmutableSortedDictionary(StringComparer.Ordinal) },
                Status = new NodeStatus { Capacity = allocatable, Allocatable = allocatable },
            });
        }

        Snapshot = Snapshot.Create(nodeList);
        var handle = new FrameworkHandle(Snapshot);
        _profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), handle);
        _algorithm = new SchedulingAlgorithm(new RandomStreams(1).For("select-host"));
        for (var i = 0; i < initPods; i++)
        {
            if (ScheduleOne(new PodInfo(initPod(i))) is null)
            {
                throw new InvalidOperationException($"Init pod {i} did not fit.");
            }
        }
    }

    /// <summary>The scheduler's cache.</summary>
    public Snapshot Snapshot { get; }

    /// <summary>Pods that found a node.</summary>
    public int Scheduled { get; private set; }

    /// <summary>Feasible-node searches' filtered node count, summed.</summary>
    public long NodesEvaluated { get; private set; }

    /// <summary>Nodes with the default template and <paramref name="initPods"/> default pods placed.</summary>
    public static SchedulerWorkload Basic(int nodes, int initPods) => new(nodes, i => DefaultPod($"init-{i}", "default"), initPods);

    /// <summary>As <see cref="Basic"/>, with the init pods carrying upstream's anti-affinity template.</summary>
    public static SchedulerWorkload AntiAffinity(int nodes, int initPods) => new(nodes, i => AntiAffinityPod($"init-{i}", "sched-0"), initPods);

    /// <summary>upstream's <c>templates/pod-default.yaml</c>: one pause container requesting 100m CPU and 500 MiB.</summary>
    public static Pod DefaultPod(string name, string ns) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = Uid(name, ns) },
        Spec = new PodSpec
        {
            Containers =
            [
                new Cluster.Container("pause", ResourceList.Builder().Cpu(100).Memory(500L << 20).Build(), Image: "registry.k8s.io/pause:3.10")
                {
                    Ports = [new Cluster.ContainerPort(80)],
                },
            ],
        },
    };

    /// <summary>upstream's <c>templates/pod-with-pod-anti-affinity.yaml</c>: color=green, anti-affine to color=green per hostname in sched-0 and sched-1.</summary>
    public static Pod AntiAffinityPod(string name, string ns)
    {
        var pod = DefaultPod(name, ns);
        var term = new PodAffinityTerm(LabelSelector.Parse("color=green"), Node.HostnameLabel, ["sched-1", "sched-0"]);
        return pod with
        {
            Metadata = pod.Metadata with { Labels = pod.Metadata.Labels.SetItem("color", "green").SetItem("name", "test") },
            Spec = pod.Spec with { Affinity = new Affinity { PodAntiAffinity = new PodAffinityRules { Required = [term] } } },
        };
    }

    /// <summary>upstream's <c>templates/pod-with-topology-spreading.yaml</c>: foo=bar spread over zones with maxSkew 5, DoNotSchedule.</summary>
    public static Pod TopologySpreadPod(string name, string ns)
    {
        var pod = DefaultPod(name, ns);
        var constraint = new TopologySpreadConstraint(5, Node.ZoneLabel, WhenUnsatisfiable.DoNotSchedule, LabelSelector.Parse("foo=bar"));
        return pod with
        {
            Metadata = pod.Metadata with { Labels = pod.Metadata.Labels.SetItem("foo", "bar") },
            Spec = pod.Spec with { TopologySpreadConstraints = [constraint] },
        };
    }

    /// <summary>One scheduling cycle: schedule, then assume on the chosen node. Returns the node, or null.</summary>
    public string? ScheduleOne(PodInfo pod)
    {
        var result = _algorithm.Schedule(_profile, _state, pod, Snapshot);
        NodesEvaluated += result.EvaluatedNodes;
        if (result.SuggestedHost is not { } host)
        {
            return null;
        }

        Snapshot.AddPod(pod.AssumedOn(host), host);
        Scheduled++;
        return host;
    }

    /// <summary>Filters every node for <paramref name="pod"/> (PreFilter once), counting the feasible ones.</summary>
    public int FilterAllNodes(PodInfo pod)
    {
        var status = _profile.RunPreFilterPlugins(_state, pod, Snapshot.NodeInfos, out _);
        if (!status.IsSuccess)
        {
            throw new InvalidOperationException(status.ToString());
        }

        var feasible = 0;
        foreach (var node in Snapshot.NodeInfos)
        {
            if (_profile.RunFilterPlugins(_state, pod, node).IsSuccess)
            {
                feasible++;
            }
        }

        return feasible;
    }

    private static long Uid(string name, string ns)
    {
        // A deterministic id from the name (FNV-1a), as the API server would hand out a unique one.
        var hash = 14695981039346656037UL;
        foreach (var c in ns + "/" + name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash >> 1);
    }
}
