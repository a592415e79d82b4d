using Sim.Scheduling;

namespace Sim.Cli.Tests.Explain;

/// <summary>Small plugins for the explain tests, so that they do not depend on the in-tree scheduling plugins.</summary>
internal static class ExplainTestPlugins
{
    /// <summary>The in-tree registry plus the test plugins.</summary>
    public static PluginRegistry Registry()
    {
        var registry = PluginRegistry.CreateDefault();
        registry.Register(TestCpuFit.PluginName, (_, _) => new TestCpuFit());
        registry.Register(TestLeastPods.PluginName, (_, _) => new TestLeastPods());
        registry.Register(TestFreeCpu.PluginName, (_, _) => new TestFreeCpu());
        registry.Register(TestConstant.PluginName, (_, _) => new TestConstant());
        registry.Register(TestPool.PluginName, (_, _) => new TestPool());
        registry.Register(TestBroken.PluginName, (_, _) => new TestBroken());
        registry.Register(TestPreemption.PluginName, (_, handle) => new TestPreemption(handle));
        return registry;
    }
}

/// <summary>PreFilter computes the pod's CPU request; Filter rejects nodes without that much free CPU.</summary>
internal sealed class TestCpuFit : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "TestCpuFit";
    private static readonly StateKey<Request> Key = new("PreFilterTestCpuFit");

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        result = null;
        state.Write(Key, new Request(pod.Requests.MilliCpu));
        return Status.Success;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        node.Allocatable.MilliCpu - node.Requested.MilliCpu < state.Read(Key)!.MilliCpu ? Status.Unschedulable("Insufficient cpu") : Status.Success;

    private sealed class Request(long milliCpu) : IStateData
    {
        public long MilliCpu { get; } = milliCpu;

        public IStateData Clone() => this;
    }
}

/// <summary>Prefers nodes with fewer pods: raw = pod count, normalized in reverse to 0..100.</summary>
internal sealed class TestLeastPods : IScorePlugin, IScoreExtensions
{
    public const string PluginName = "TestLeastPods";

    public string Name => PluginName;

    public long Score(CycleState state, PodInfo pod, NodeInfo node) => node.Pods.Count;

    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score.Score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i].Score = max == 0 ? 100 : 100 - (scores[i].Score * 100 / max);
        }

        return Status.Success;
    }
}

/// <summary>Prefers free CPU after placing the pod: percent of allocatable left, no normalization.</summary>
internal sealed class TestFreeCpu : IScorePlugin
{
    public const string PluginName = "TestFreeCpu";

    public string Name => PluginName;

    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        (node.Allocatable.MilliCpu - node.Requested.MilliCpu - pod.Requests.MilliCpu) * 100 / node.Allocatable.MilliCpu;
}

/// <summary>Scores every node 7: every feasible node ties.</summary>
internal sealed class TestConstant : IScorePlugin
{
    public const string PluginName = "TestConstant";

    public string Name => PluginName;

    public long Score(CycleState state, PodInfo pod, NodeInfo node) => 7;
}

/// <summary>
/// A pod labelled <c>pool: X</c> may only go to nodes labelled <c>pool: X</c> (a PreFilter node set);
/// <c>pool: closed</c> rejects the pod outright; without the label the plugin skips.
/// </summary>
internal sealed class TestPool : IPreFilterPlugin
{
    public const string PluginName = "TestPool";

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        result = null;
        if (!pod.Pod.Metadata.Labels.TryGetValue("pool", out var pool))
        {
            return Status.Skip;
        }

        if (pool == "closed")
        {
            return Status.UnschedulableAndUnresolvable("the pod's pool is closed");
        }

        result = new PreFilterResult(nodes.Where(n => n.Node.Metadata.Labels.GetValueOrDefault("pool") == pool).Select(n => n.Name).ToHashSet(StringComparer.Ordinal));
        return Status.Success;
    }
}

/// <summary>Fails with an error on nodes labelled <c>broken: "true"</c>.</summary>
internal sealed class TestBroken : IFilterPlugin
{
    public const string PluginName = "TestBroken";

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        node.Node.Metadata.Labels.GetValueOrDefault("broken") == "true" ? Status.Error("disk on fire") : Status.Success;
}

/// <summary>
/// Stands in for preemption: nominates the first node (in search order) whose rejection is
/// Unschedulable (not UnschedulableAndUnresolvable); a pod labelled <c>victims: none</c> gets no help.
/// </summary>
internal sealed class TestPreemption(IFrameworkHandle handle) : IPostFilterPlugin
{
    public const string PluginName = "TestPreemption";

    public string Name => PluginName;

    public Status PostFilter(CycleState state, PodInfo pod, NodeToStatus filteredNodeStatuses, out string? nominatedNodeName)
    {
        nominatedNodeName = null;
        if (pod.Pod.Metadata.Labels.GetValueOrDefault("victims") == "none")
        {
            return Status.Unschedulable("No preemption victims found for incoming pod");
        }

        foreach (var node in handle.Snapshot.NodeInfos)
        {
            if (filteredNodeStatuses.Get(node.Name).Code == StatusCode.Unschedulable)
            {
                nominatedNodeName = node.Name;
                return Status.Success;
            }
        }

        return Status.Unschedulable("preemption: no node would fit");
    }
}
