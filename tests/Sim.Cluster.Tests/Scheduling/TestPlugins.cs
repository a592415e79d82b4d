using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>Small plugins for framework tests, independent of the in-tree ones.</summary>
internal static class TestPlugins
{
    /// <summary>A registry with the in-tree plugins and the test plugins below.</summary>
    public static PluginRegistry Registry(FilterCounter? counter = null)
    {
        var registry = PluginRegistry.CreateDefault();
        registry.Register(CpuFit.PluginName, (_, _) => new CpuFit());
        registry.Register(FilterCounter.PluginName, (_, _) => counter ?? new FilterCounter());
        registry.Register(FreeCpuScore.PluginName, (_, _) => new FreeCpuScore());
        registry.Register(FlatScore.PluginName, (_, _) => new FlatScore());
        return registry;
    }

    /// <summary>A profile with only the given plugins (MultiPoint), the defaults disabled.</summary>
    public static ProfileConfig Profile(string name, params PluginRef[] plugins) => new()
    {
        SchedulerName = name,
        Plugins = new PluginsConfig { MultiPoint = new PluginSet { Enabled = [.. plugins], Disabled = ["*"] } },
    };

    /// <summary>The minimal working profile: queue sort, gates, node name, cordons, CPU fit, free-CPU score, binder.</summary>
    public static ProfileConfig Minimal(string name = "default-scheduler") => Profile(
        name,
        new("PrioritySort"),
        new("SchedulingGates"),
        new("NodeUnschedulable"),
        new("NodeName"),
        new(CpuFit.PluginName),
        new(FreeCpuScore.PluginName),
        new("DefaultBinder"));

    /// <summary>Rejects nodes without enough free CPU ("Insufficient cpu"), like NodeResourcesFit reduced to CPU.</summary>
    public sealed class CpuFit : IFilterPlugin, IEnqueueExtensions
    {
        public const string PluginName = "TestCpuFit";

        public string Name => PluginName;

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
            pod.Requests.MilliCpu > node.Allocatable.MilliCpu - node.Requested.MilliCpu
                ? Status.Unschedulable("Insufficient cpu")
                : Status.Success;

        public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
        [
            new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeAllocatable)),
            new(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete)),
        ];
    }

    /// <summary>Counts Filter calls and passes every node.</summary>
    public sealed class FilterCounter : IFilterPlugin
    {
        public const string PluginName = "TestFilterCounter";

        public string Name => PluginName;

        public int Calls { get; set; }

        public List<string> Seen { get; } = [];

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
        {
            Calls++;
            Seen.Add(node.Name);
            return Status.Success;
        }
    }

    /// <summary>Scores by free CPU in percent of allocatable (a LeastAllocated on CPU only).</summary>
    public sealed class FreeCpuScore : IScorePlugin
    {
        public const string PluginName = "TestFreeCpuScore";

        public string Name => PluginName;

        public long Score(CycleState state, PodInfo pod, NodeInfo node)
        {
            var allocatable = node.Allocatable.MilliCpu;
            var requested = node.Requested.MilliCpu + pod.Requests.MilliCpu;
            return allocatable == 0 || requested > allocatable ? 0 : (allocatable - requested) * 100 / allocatable;
        }
    }

    /// <summary>Gives every node 50: all nodes tie.</summary>
    public sealed class FlatScore : IScorePlugin
    {
        public const string PluginName = "TestFlatScore";

        public string Name => PluginName;

        public long Score(CycleState state, PodInfo pod, NodeInfo node) => 50;
    }
}

/// <summary>Holds every pod at Permit for <see cref="Timeout"/>.</summary>
internal sealed class HoldAtPermit : IPermitPlugin
{
    public const string PluginName = "TestHoldAtPermit";

    public string Name => PluginName;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public Status Permit(CycleState state, PodInfo pod, string nodeName, out TimeSpan timeout)
    {
        timeout = Timeout;
        return Status.Of(StatusCode.Wait);
    }
}

/// <summary>
/// Scores the feasible nodes 100 for the first by name and 0 for the rest: with the default filters,
/// the first node (by name) the pod fits on, as a first-fit binder would choose.
/// </summary>
internal sealed class FirstFitByName : IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "TestFirstFitByName";

    private static readonly StateKey<First> Key = new("PreScore" + PluginName);

    public string Name => PluginName;

    /// <summary>The default profile with its score plugins replaced by this one (and no preemption).</summary>
    public static SchedulerConfiguration Configuration() => new()
    {
        Profiles =
        [
            new ProfileConfig
            {
                Plugins = new PluginsConfig
                {
                    Score = new PluginSet { Enabled = [new PluginRef(PluginName)], Disabled = ["*"] },
                    PreScore = new PluginSet { Enabled = [new PluginRef(PluginName)], Disabled = ["*"] },
                    PostFilter = new PluginSet { Disabled = ["*"] },
                },
            },
        ],
    };

    /// <summary>The in-tree plugins and this one.</summary>
    public static PluginRegistry Registry() => PluginRegistry.CreateDefault().Register(PluginName, (_, _) => new FirstFitByName());

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(Key, new First(nodes.Select(n => n.Name).Min(StringComparer.Ordinal)!));
        return Status.Success;
    }

    public long Score(CycleState state, PodInfo pod, NodeInfo node) => state.Read(Key)!.Name == node.Name ? 100 : 0;

    private sealed class First(string name) : IStateData
    {
        public string Name { get; } = name;

        public IStateData Clone() => this;
    }
}

/// <summary>Rejects every node and registers no events (so any event that may help requeues the pods it rejected).</summary>
internal sealed class RejectAll : IFilterPlugin
{
    public const string PluginName = "TestRejectAll";

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) => Status.Unschedulable("rejected by test");
}
