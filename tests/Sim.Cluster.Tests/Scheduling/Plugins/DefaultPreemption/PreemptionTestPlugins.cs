using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// The fake plugins upstream's preemption tests register (<c>pkg/scheduler/testing/framework/fake_plugins.go</c>
/// and the <c>TestPlugin</c> of <c>default_preemption_test.go</c>).
/// </summary>
internal static class PreemptionTestPlugins
{
    /// <summary>Upstream's <c>ErrReasonFake</c>.</summary>
    public const string ErrReasonFake = "Nodes failed the fake plugin";

    /// <summary>Counts Filter calls; fails the nodes in its map with the mapped code (Success passes).</summary>
    public sealed class FakeFilter(IReadOnlyDictionary<string, StatusCode> failedNodeReturnCodes) : IFilterPlugin
    {
        public string Name => "FakeFilter";

        public int NumFilterCalled { get; private set; }

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
        {
            NumFilterCalled++;
            return failedNodeReturnCodes.TryGetValue(node.Name, out var code)
                ? Status.Of(code, $"injecting failure for pod {pod.Name}")
                : Status.Success;
        }
    }

    /// <summary>Passes every node.</summary>
    public sealed class TrueFilter : IFilterPlugin
    {
        public string Name => "TrueFilter";

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) => Status.Success;
    }

    /// <summary>Rejects every node.</summary>
    public sealed class FalseFilter : IFilterPlugin
    {
        public string Name => "FalseFilter";

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) => Status.Unschedulable(ErrReasonFake);
    }

    /// <summary>Passes only the node named like the pod.</summary>
    public sealed class MatchFilter : IFilterPlugin
    {
        public string Name => "MatchFilter";

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
            pod.Name == node.Name ? Status.Success : Status.Unschedulable(ErrReasonFake);
    }

    /// <summary>A PreFilter whose AddPod and RemovePod fail on nodes labelled <c>error=true</c> (upstream's <c>test-plugin</c>).</summary>
    public sealed class ErrorOnLabel : IPreFilterPlugin, IPreFilterExtensions
    {
        public string Name => "test-plugin";

        public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
        {
            result = null;
            return Status.Success;
        }

        public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) =>
            node.Node.Metadata.Labels.GetValueOrDefault("error") == "true"
                ? Status.Error($"failed to add pod: {podToSchedule.Name}")
                : Status.Success;

        public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) =>
            node.Node.Metadata.Labels.GetValueOrDefault("error") == "true"
                ? Status.Error($"failed to remove pod: {podToSchedule.Name}")
                : Status.Success;
    }
}
