using Sim.Cluster.Objects;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption.PreemptionTestPlugins;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>TestPostFilter</c>, run once (Sim has no asynchronous API calls to toggle). Skipped:
/// "preemption result filtered out by extenders" (Sim has no extenders) and the six "pod with
/// SchedulingGroup …" cases (pod groups, topology-aware workload scheduling and workload-aware
/// preemption are not modelled).
/// </summary>
public partial class DefaultPreemptionTests
{
    /// <summary>One <c>TestPostFilter</c> case; a null <paramref name="WantNominated"/> is upstream's nil result.</summary>
    public sealed record PostFilterCase(
        Pod Pod,
        Pod[] Pods,
        Node[] Nodes,
        (string Node, StatusCode Code)[] FilteredNodesStatuses,
        string? WantNominated,
        StatusCode WantCode,
        string WantMessage = "",
        PodDisruptionBudget[]? Pdbs = null);

    private static IEnumerable<TestCaseData> PostFilterCases()
    {
        (string, string)[] onePodRes = [("pods", "1")];
        (string, string)[] nodeRes = [("cpu", "200m"), ("memory", "400")];
        const string ViolatingKey = "test.kubernetes.io/is-violating-pdb";

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Obj(),
            [Pod("p1").Node("node1").Obj()],
            [Node("node1", onePodRes)],
            [("node1", StatusCode.Unschedulable)],
            "node1",
            StatusCode.Success)).SetName("pod with higher priority can be made schedulable");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Obj(),
            [Pod("p1").Node("node1").Obj()],
            [Node("node1", onePodRes)],
            [("node1", StatusCode.Unschedulable)],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")).SetName("pod with tied priority is still unschedulable");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Obj(),
            [Pod("p1").Node("node1").Obj()],
            [Node("node1", onePodRes)],
            [("node1", StatusCode.UnschedulableAndUnresolvable)],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")).SetName("preemption should respect filteredNodesStatuses");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Obj(),
            [Pod("p1").Node("node1").Obj()],
            [Node("node1", onePodRes)],
            [],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")).SetName("preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(MidPriority).Obj(),
            [Pod("p1").Priority(HighPriority).Node("node1").Obj(), Pod("p2").Priority(LowPriority).Node("node2").Obj()],
            [Node("node1", onePodRes), Node("node2", onePodRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable)],
            "node2",
            StatusCode.Success)).SetName("pod can be made schedulable on one node");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(VeryHighPriority).Obj(),
            [
                Pod("p1").Label(ViolatingKey, "non-violating").Priority(HighPriority).Node("node1").Obj(),
                Pod("p2").Label(ViolatingKey, "violating").Priority(LowPriority).Node("node1").Obj(),
                Pod("p3").Label(ViolatingKey, "violating").Priority(MidPriority).Node("node2").Obj(),
            ],
            [Node("node1", onePodRes), Node("node2", onePodRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable)],
            "node2",
            StatusCode.Success,
            Pdbs:
            [
                Pdb("violating-pdb", $"{ViolatingKey}=violating", 0),
                Pdb("non-violating-pdb", $"{ViolatingKey}=non-violating", int.MaxValue),
            ])).SetName("pod can be made schedulable on minHighestPriority node");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [Pod("p1").Node("node1").Obj(), Pod("p2").Node("node2").Obj()],
            [Node("node1", nodeRes), Node("node2", nodeRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable)],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/2 nodes are available: 2 Insufficient cpu.")).SetName("no candidate nodes found, no enough resource after removing low priority pods");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [
                Pod("p1").Node("node1").Priority(HighPriority).Obj(),
                Pod("p2").Node("node2").Obj(),
                Pod("p3").Node("node3").Priority(HighPriority).Obj(),
            ],
            [Node("node1", onePodRes), Node("node2", nodeRes), Node("node3", onePodRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable), ("node3", StatusCode.Unschedulable)],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.")).SetName("no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [Pod("p1").Node("node1").Obj(), Pod("p2").Node("node2").Obj()],
            [Node("node1", nodeRes), Node("node2", nodeRes), Node("node3", nodeRes), Node("node4", nodeRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable), ("node4", StatusCode.UnschedulableAndUnresolvable)],
            string.Empty,
            StatusCode.Unschedulable,
            "preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.")).SetName("no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [Pod("p1").Node("node1").Obj()],
            [St.MakeNode().Name("node1").Label("error", "true").Capacity([("pods", "32"), .. LargeRes]).Obj()],
            [("node1", StatusCode.Unschedulable)],
            null,
            StatusCode.Error,
            "preemption: running RemovePod on PreFilter plugin \"test-plugin\": failed to remove pod: p")).SetName("only one node but failed with TestPlugin");

        yield return new TestCaseData(new PostFilterCase(
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [Pod("p1").Node("node1").Obj(), Pod("p2").Node("node2").Req(MediumRes).Obj()],
            [St.MakeNode().Name("node1").Label("error", "true").Capacity([("pods", "32"), .. LargeRes]).Obj(), Node("node2", LargeRes)],
            [("node1", StatusCode.Unschedulable), ("node2", StatusCode.Unschedulable)],
            "node2",
            StatusCode.Success)).SetName("one failed with TestPlugin and the other pass");
    }

    [TestCaseSource(nameof(PostFilterCases))]
    public void TestPostFilter(PostFilterCase tt)
    {
        var fixture = new PreemptionFixture(tt.Nodes, tt.Pods, ["NodeResourcesFit", new ErrorOnLabel()], pdbs: tt.Pdbs);
        var pod = new PodInfo(tt.Pod);
        var state = fixture.PreFilter(pod);
        var statuses = new NodeToStatus { AbsentNodesStatus = Status.UnschedulableAndUnresolvable() };
        foreach (var (node, code) in tt.FilteredNodesStatuses)
        {
            statuses.Set(node, Status.Of(code));
        }

        var status = fixture.Plugin.PostFilter(state, pod, statuses, out var nominated);

        Assert.Multiple(() =>
        {
            Assert.That(status.Code, Is.EqualTo(tt.WantCode));
            Assert.That(status.Message, Is.EqualTo(tt.WantMessage));
            Assert.That(nominated, Is.EqualTo(tt.WantNominated));
        });
    }
}
