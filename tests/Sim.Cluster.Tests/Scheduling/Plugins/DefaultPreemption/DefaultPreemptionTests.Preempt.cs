using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Engine;
using Sim.Scheduling;
using Preemption = Sim.Scheduling.Plugins.DefaultPreemption.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>TestPodEligibleToPreemptOthers</c> (no case skipped) and <c>TestPreempt</c>, run once
/// (synchronous preemption and API calls only). Skipped from <c>TestPreempt</c>: the four extender
/// cases ("Scheduler extenders allow only node1, otherwise node3 would have been chosen", "Scheduler
/// extenders do not allow any preemption", "One scheduler extender allows only node1, the other returns
/// error but ignorable. Only node1 would be chosen", "One scheduler extender allows only node1, but it
/// is not interested in given pod, otherwise node1 would have been chosen"): Sim has no extenders.
/// Also skipped: <c>TestPreEnqueue</c> (asynchronous preemption and pod groups are not modelled).
/// Upstream's <c>DisruptionTarget</c> condition is Sim's status reason <c>PreemptionByScheduler</c>.
/// </summary>
public partial class DefaultPreemptionTests
{
    /// <summary>One <c>TestPodEligibleToPreemptOthers</c> case.</summary>
    public sealed record EligibleCase(Pod Pod, Pod[] Pods, string[] Nodes, Status NominatedNodeStatus, bool Expected);

    private static IEnumerable<TestCaseData> EligibleCases()
    {
        yield return new TestCaseData(new EligibleCase(
            Pod("p_with_nominated_node").Priority(HighPriority).NominatedNodeName("node1").Obj(),
            [Pod("p1").Priority(LowPriority).Node("node1").Terminating().Obj()],
            ["node1"],
            Status.UnschedulableAndUnresolvable("node(s) had untolerated taint(s)"),
            true)).SetName("Pod with nominated node");
        yield return new TestCaseData(new EligibleCase(
            Pod("p_without_nominated_node").Priority(HighPriority).Obj(), [], [], Status.Success, true)).SetName("Pod without nominated node");
        yield return new TestCaseData(new EligibleCase(
            Pod("p_with_preempt_never_policy").Priority(HighPriority).PreemptionPolicy(PreemptionPolicy.Never).Obj(), [], [], Status.Success, false))
            .SetName("Pod with 'PreemptNever' preemption policy");
        yield return new TestCaseData(new EligibleCase(
            Pod("p_with_nominated_node").Priority(HighPriority).NominatedNodeName("node1").Obj(),
            [Pod("p1").Priority(LowPriority).Node("node1").Terminating().With(p => p with { Status = p.Status with { Reason = Preemption.PreemptionByScheduler } }).Obj()],
            ["node1"],
            Status.Success,
            false)).SetName("preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition");
        yield return new TestCaseData(new EligibleCase(
            Pod("p_with_nominated_node").Priority(HighPriority).NominatedNodeName("node1").Obj(),
            [Pod("p1").Priority(LowPriority).Node("node1").Terminating().Obj()],
            ["node1"],
            Status.Success,
            true)).SetName("non-victim Pods terminating");
    }

    [TestCaseSource(nameof(EligibleCases))]
    public void TestPodEligibleToPreemptOthers(EligibleCase tt)
    {
        var fixture = new PreemptionFixture(tt.Nodes.Select(n => St.MakeNode().Name(n).Obj()), tt.Pods, []);
        var (eligible, _) = fixture.Plugin.PodEligibleToPreemptOthers(tt.Pod, tt.NominatedNodeStatus);
        Assert.That(eligible, Is.EqualTo(tt.Expected));
    }

    /// <summary>One <c>TestPreempt</c> case; a null <paramref name="Want"/> is upstream's nil result.</summary>
    public sealed record PreemptCase(Pod Pod, Pod[] Pods, string[] NodeNames, string Plugin, string? Want, string[] ExpectedPods);

    private static IEnumerable<TestCaseData> PreemptCases()
    {
        Pod[] basic =
        [
            Pod("p1.1").Node("node1").Priority(LowPriority).Req(SmallRes).Obj(),
            Pod("p1.2").Node("node1").Priority(LowPriority).Req(SmallRes).Obj(),
            Pod("p2.1").Node("node2").Priority(HighPriority).Req(LargeRes).Obj(),
            Pod("p3.1").Node("node3").Priority(MidPriority).Req(MediumRes).Obj(),
        ];
        string[] three = ["node1", "node2", "node3"];
        yield return new TestCaseData(new PreemptCase(
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).PreemptionPolicy(PreemptionPolicy.PreemptLowerPriority).Obj(),
            basic, three, "NodeResourcesFit", "node1", ["p1.1", "p1.2"])).SetName("basic preemption logic");

        yield return new TestCaseData(new PreemptCase(
            Pod("p").Label("foo", string.Empty).Priority(HighPriority)
                .SpreadConstraint(1, "zone", WhenUnsatisfiable.DoNotSchedule, "foo")
                .SpreadConstraint(1, "hostname", WhenUnsatisfiable.DoNotSchedule, "foo").Obj(),
            [
                Pod("p-a1").Node("node-a").Label("foo", string.Empty).Priority(HighPriority).Obj(),
                Pod("p-a2").Node("node-a").Label("foo", string.Empty).Priority(HighPriority).Obj(),
                Pod("p-b1").Node("node-b").Label("foo", string.Empty).Priority(LowPriority).Obj(),
                Pod("p-x1").Node("node-x").Label("foo", string.Empty).Priority(HighPriority).Obj(),
                Pod("p-x2").Node("node-x").Label("foo", string.Empty).Priority(HighPriority).Obj(),
            ],
            ["node-a/zone1", "node-b/zone1", "node-x/zone2"],
            "PodTopologySpread",
            "node-b",
            ["p-b1"])).SetName("preemption for topology spread constraints");

        yield return new TestCaseData(new PreemptCase(
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).PreemptionPolicy(PreemptionPolicy.Never).Obj(),
            basic, three, "NodeResourcesFit", null, [])).SetName("no preempting in pod");

        yield return new TestCaseData(new PreemptCase(
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            basic, three, "NodeResourcesFit", "node1", ["p1.1", "p1.2"])).SetName("PreemptionPolicy is nil");
    }

    [TestCaseSource(nameof(PreemptCases))]
    public void TestPreempt(PreemptCase tt)
    {
        var api = new ApiServer(new Simulation());
        var client = api.ClientFor("default-scheduler");
        var preemptor = client.Create(tt.Pod).Value!;
        var pods = tt.Pods.Select(p => client.Create(p).Value!).ToList();
        var nodes = tt.NodeNames.Select(n => Node(n, VeryLargeRes)).ToList();
        var fixture = new PreemptionFixture(nodes, pods, [tt.Plugin], client: client);
        var pod = new PodInfo(preemptor);
        var state = fixture.PreFilter(pod);
        var statuses = new NodeToStatus { AbsentNodesStatus = Status.UnschedulableAndUnresolvable() };
        foreach (var node in nodes)
        {
            statuses.Set(node.Metadata.Name, Status.Unschedulable());
        }

        var status = fixture.Plugin.Preempt(state, pod, statuses, out var nominated);

        Assert.That(status.IsSuccess || status.IsRejected, Is.True, $"unexpected error in preemption: {status}");
        Assert.That(nominated, Is.EqualTo(tt.Want));
        var deleted = Deleted(client, pods);
        Assert.That(deleted.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal), Is.EqualTo(tt.ExpectedPods.Order(StringComparer.Ordinal)));
        foreach (var victim in deleted)
        {
            Assert.That(victim.Status.Reason, Is.EqualTo(Preemption.PreemptionByScheduler));
            Assert.That(victim.Status.Message, Is.EqualTo($"{victim.Spec.SchedulerName}: preempting to accommodate a higher priority pod"));
        }

        // The preemptor now waits on its nominated node for the victims to terminate: preempting again
        // must not delete anything more.
        if (nominated is { Length: > 0 })
        {
            client.Modify<Pod>(preemptor.Key, p => p with { Status = p.Status with { NominatedNodeName = nominated } }, "nominated");
        }

        foreach (var victim in deleted)
        {
            fixture.Snapshot.AddPod(new PodInfo(victim), victim.Spec.NodeName);
        }

        var again = fixture.Plugin.Preempt(state, new PodInfo(client.Get<Pod>(preemptor.Key)!), new NodeToStatus { AbsentNodesStatus = Status.UnschedulableAndUnresolvable() }, out var nominatedAgain);
        Assert.That(again.IsSuccess || again.IsRejected, Is.True, $"unexpected error in preemption: {again}");
        Assert.That(Deleted(client, pods), Has.Count.EqualTo(deleted.Count), "no more victims");
        Assert.That(again.IsSuccess, Is.False, $"didn't expect any more preemption. Node {nominatedAgain} is selected for preemption.");
    }

    private static List<Pod> Deleted(ApiClient client, IEnumerable<Pod> pods) =>
        [.. pods.Select(p => client.Get<Pod>(p.Key)!).Where(p => p.DeletionRequestedAt is not null)];
}
