using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.DefaultPreemption;
using Preemption = Sim.Scheduling.Plugins.DefaultPreemption.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>pkg/scheduler/framework/preemption/preemption_test.go</c>, the parts that apply to a
/// preemption evaluator without a pluggable interface: <c>TestNodesWherePreemptionMightHelp</c> (from
/// the v1.26–v1.30 file, before the function became <c>NodeToStatus.NodesForStatusCode</c>; absent nodes
/// there have no status, which is Sim's default absent status) and <c>TestPrepareCandidate</c>.
/// Skipped: <c>TestDryRunPreemption</c> and <c>TestSelectCandidate</c> there (they run the evaluator
/// with fake <c>SelectVictimsOnNode</c> and <c>OrderedScoreFuncs</c> implementations; Sim's evaluator is
/// DefaultPreemption itself, covered by <c>default_preemption_test.go</c>'s cases); <c>TestCallExtenders</c>
/// (no extenders); and the <c>TestPrepareCandidate</c> cases whose API calls fail ("one victim, but patch
/// pod failed (not found victim1 pod)", "one victim, but delete pod failed (not found victim1 pod)",
/// "two victims without condition, one passes successfully and the second fails (not found victim2
/// pod)"): upstream's current code ignores NotFound as Sim does, and Sim's in-process API has no other
/// failures to inject.
/// </summary>
public class PreemptionTests
{
    /// <summary>One <c>TestNodesWherePreemptionMightHelp</c> case.</summary>
    public sealed record MightHelpCase((string Node, StatusCode Code, string Reason)[] Statuses, string[] Expected);

    private static IEnumerable<TestCaseData> MightHelpCases()
    {
        const StatusCode Unresolvable = StatusCode.UnschedulableAndUnresolvable;
        const StatusCode Unschedulable = StatusCode.Unschedulable;
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unresolvable, "node(s) didn't match Pod's node affinity/selector"),
                ("node2", Unresolvable, "node(s) didn't match the requested node name"),
                ("node3", Unresolvable, "node(s) had untolerated taint(s)"),
                ("node4", Unresolvable, "node(s) didn't match pod affinity rules"),
            ],
            [])).SetName("No node should be attempted");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unschedulable, "node(s) didn't match pod anti-affinity rules"),
                ("node2", Unresolvable, "node(s) didn't match the requested node name"),
                ("node3", Unresolvable, "node(s) were unschedulable"),
            ],
            ["node1", "node4"])).SetName("ErrReasonAntiAffinityRulesNotMatch should be tried as it indicates that the pod is unschedulable due to inter-pod anti-affinity");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unresolvable, "node(s) didn't match pod affinity rules"),
                ("node2", Unschedulable, "node(s) didn't match pod anti-affinity rules"),
            ],
            ["node2", "node3", "node4"])).SetName("ErrReasonAffinityRulesNotMatch should not be tried as it indicates that the pod is unschedulable due to inter-pod affinity, but ErrReasonAntiAffinityRulesNotMatch should be tried as it indicates that the pod is unschedulable due to inter-pod anti-affinity");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unresolvable, "node(s) had no available disk"),
                ("node2", Unschedulable, "Insufficient memory"),
            ],
            ["node2", "node3", "node4"])).SetName("Mix of failed predicates works fine");
        yield return new TestCaseData(new MightHelpCase(
            [("node1", Unresolvable, "node(s) had unknown conditions")],
            ["node2", "node3", "node4"])).SetName("Node condition errors should be considered unresolvable");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unresolvable, "node(s) had no available volume zone"),
                ("node2", Unresolvable, "node(s) had volume node affinity conflict"),
                ("node3", Unresolvable, "node(s) didn't find available persistent volumes to bind"),
            ],
            ["node4"])).SetName("ErrVolume... errors should not be tried as it indicates that the pod is unschedulable due to no matching volumes for pod on node");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node1", Unschedulable, "node(s) didn't match pod topology spread constraints"),
                ("node2", Unresolvable, "node(s) didn't match the requested node name"),
                ("node3", Unschedulable, "node(s) didn't match pod topology spread constraints"),
            ],
            ["node1", "node3", "node4"])).SetName("ErrReasonConstraintsNotMatch should be tried as it indicates that the pod is unschedulable due to topology spread constraints");
        yield return new TestCaseData(new MightHelpCase(
            [("node2", Unresolvable, string.Empty), ("node3", Unschedulable, string.Empty), ("node4", Unresolvable, string.Empty)],
            ["node1", "node3"])).SetName("UnschedulableAndUnresolvable status should be skipped but Unschedulable should be tried");
        yield return new TestCaseData(new MightHelpCase(
            [
                ("node2", Unresolvable, "node(s) didn't match pod topology spread constraints (missing required label)"),
                ("node3", Unschedulable, string.Empty),
                ("node4", Unresolvable, string.Empty),
            ],
            ["node1", "node3"])).SetName("ErrReasonNodeLabelNotMatch should not be tried as it indicates that the pod is unschedulable due to node doesn't have the required label");
    }

    [TestCaseSource(nameof(MightHelpCases))]
    public void TestNodesWherePreemptionMightHelp(MightHelpCase tt)
    {
        var snapshot = Snapshot.Create(new[] { "node1", "node2", "node3", "node4" }.Select(n => St.MakeNode().Name(n).Obj()));
        var statuses = new NodeToStatus();
        foreach (var (node, code, reason) in tt.Statuses)
        {
            statuses.Set(node, reason.Length == 0 ? Status.Of(code) : Status.Of(code, reason));
        }

        var nodes = Preemption.NodesWherePreemptionMightHelp(snapshot.NodeInfos, statuses);

        Assert.That(nodes.Select(n => n.Name).Order(StringComparer.Ordinal), Is.EqualTo(tt.Expected));
    }

    /// <summary>One <c>TestPrepareCandidate</c> case.</summary>
    public sealed record PrepareCase(string CandidateNode, Pod[] Victims, Pod[] TestPods);

    private static IEnumerable<TestCaseData> PrepareCases()
    {
        var victim1 = St.MakePod().Name("victim1").Node("node1").Priority(100).Req(("cpu", "100m")).Obj();
        var victim1WithMatchingCondition = victim1 with
        {
            Status = victim1.Status with { Reason = Preemption.PreemptionByScheduler, Message = "default-scheduler: preempting to accommodate a higher priority pod" },
        };
        yield return new TestCaseData(new PrepareCase(string.Empty, [], [victim1])).SetName("no victims");
        yield return new TestCaseData(new PrepareCase("node1", [victim1], [victim1])).SetName("one victim without condition");
        yield return new TestCaseData(new PrepareCase("node1", [victim1WithMatchingCondition], [victim1WithMatchingCondition])).SetName("one victim with same condition");
    }

    [TestCaseSource(nameof(PrepareCases))]
    public void TestPrepareCandidate(PrepareCase tt)
    {
        var api = new ApiServer(new Simulation());
        var client = api.ClientFor("default-scheduler");
        var stored = tt.TestPods.ToDictionary(p => p.Metadata.Name, p => client.Create(p).Value!);
        var preemptor = St.MakePod().Name("preemptor").Priority(1000).Req(("cpu", "100m")).Obj();
        var fixture = new PreemptionFixture([St.MakeNode().Name("node1").Capacity(("cpu", "500m"), ("memory", "500"), ("pods", "32")).Obj()], stored.Values, [], client: client);
        var victims = tt.Victims.Select(v => stored[v.Metadata.Name]).ToList();

        var status = fixture.Plugin.PrepareCandidate(new PreemptionCandidate(tt.CandidateNode, victims, 0), preemptor);

        Assert.That(status.IsSuccess, Is.True, status.ToString());
        foreach (var victim in victims)
        {
            var current = client.Get<Pod>(victim.Key)!;
            Assert.That(current.DeletionRequestedAt, Is.EqualTo(fixture.Now), "deleted gracefully");
            Assert.That(current.Status.Reason, Is.EqualTo(Preemption.PreemptionByScheduler));
        }
    }
}
