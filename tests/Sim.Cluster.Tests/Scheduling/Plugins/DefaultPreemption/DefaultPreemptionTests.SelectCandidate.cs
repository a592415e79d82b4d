using Sim.Cluster.Objects;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>Upstream's <c>TestSelectBestCandidate</c>, <c>TestCustomSelection</c> and <c>TestCustomOrdering</c>. No case skipped.</summary>
public partial class DefaultPreemptionTests
{
    /// <summary>One <c>TestSelectBestCandidate</c> case: any of <paramref name="Expected"/> is valid.</summary>
    public sealed record SelectBestCandidateCase(string[] NodeNames, Pod Pod, Pod[] Pods, string[] Expected);

    private static IEnumerable<TestCaseData> SelectBestCandidateCases()
    {
        static Pod V(string name, string node, int priority, (string, string)[] res, long start = 0) =>
            Pod(name).Node(node).Priority(priority).Req(res).StartedAt(Epoch(start)).Obj();

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2"],
            Pod("p").Priority(HighPriority).Req(LargeRes).Obj(),
            [V("p1", "node1", MidPriority, LargeRes), V("p2", "node2", MidPriority, LargeRes)],
            ["node1", "node2"])).SetName("a pod that fits on both nodes when lower priority pods are preempted");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, MediumRes), V("p1.2", "node1", MidPriority, LargeRes),
                V("p2.1", "node2", MidPriority, MediumRes), V("p2.2", "node2", LowPriority, MediumRes),
                V("p3.1", "node3", LowPriority, MediumRes), V("p3.2", "node3", LowPriority, MediumRes),
            ],
            ["node3"])).SetName("node with min highest priority pod is picked");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, MediumRes), V("p1.2", "node1", MidPriority, LargeRes),
                V("p2.1", "node2", MidPriority, LargeRes), V("p2.2", "node2", LowPriority, MediumRes),
                V("p3.1", "node3", MidPriority, MediumRes), V("p3.2", "node3", MidPriority, MediumRes),
            ],
            ["node2"])).SetName("when highest priorities are the same, minimum sum of priorities is picked");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, SmallRes), V("p1.2", "node1", NegPriority, SmallRes),
                V("p1.3", "node1", MidPriority, SmallRes), V("p1.4", "node1", NegPriority, SmallRes),
                V("p2.1", "node2", MidPriority, LargeRes), V("p2.2", "node2", NegPriority, MediumRes),
                V("p3.1", "node3", MidPriority, MediumRes), V("p3.2", "node3", NegPriority, SmallRes), V("p3.3", "node3", LowPriority, SmallRes),
            ],
            ["node2"])).SetName("when highest priority and sum are the same, minimum number of pods is picked");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, SmallRes), V("p1.2", "node1", NegPriority, SmallRes), V("p1.3", "node1", NegPriority, SmallRes),
                V("p2.1", "node2", MidPriority, LargeRes), V("p2.2", "node2", NegPriority, MediumRes),
                V("p3.1", "node3", MidPriority, MediumRes), V("p3.2", "node3", NegPriority, SmallRes), V("p3.3", "node3", LowPriority, SmallRes),
            ],
            ["node2"])).SetName("sum of adjusted priorities is considered");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3", "node4"],
            Pod("p").Priority(VeryHighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, SmallRes), V("p1.2", "node1", LowPriority, SmallRes), V("p1.3", "node1", LowPriority, SmallRes),
                V("p2.1", "node2", HighPriority, LargeRes),
                V("p3.1", "node3", MidPriority, MediumRes), V("p3.2", "node3", LowPriority, SmallRes), V("p3.3", "node3", LowPriority, SmallRes), V("p3.4", "node3", LowPriority, MediumRes),
                V("p4.1", "node4", MidPriority, MediumRes), V("p4.2", "node4", MidPriority, SmallRes), V("p4.3", "node4", MidPriority, SmallRes), V("p4.4", "node4", NegPriority, SmallRes),
            ],
            ["node1"])).SetName("non-overlapping lowest high priority, sum priorities, and number of pods");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, MediumRes, 2), V("p1.2", "node1", MidPriority, MediumRes, 2),
                V("p2.1", "node2", MidPriority, MediumRes, 3), V("p2.2", "node2", MidPriority, MediumRes, 3),
                V("p3.1", "node3", MidPriority, MediumRes, 1), V("p3.2", "node3", MidPriority, MediumRes, 1),
            ],
            ["node2"])).SetName("same priority, same number of victims, different start time for each node's pod");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", MidPriority, MediumRes, 4), V("p1.2", "node1", MidPriority, MediumRes, 2),
                V("p2.1", "node2", MidPriority, MediumRes, 5), V("p2.2", "node2", MidPriority, MediumRes, 1),
                V("p3.1", "node3", MidPriority, MediumRes, 3), V("p3.2", "node3", MidPriority, MediumRes, 6),
            ],
            ["node3"])).SetName("same priority, same number of victims, different start time for all pods");

        yield return new TestCaseData(new SelectBestCandidateCase(
            ["node1", "node2", "node3"],
            Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj(),
            [
                V("p1.1", "node1", LowPriority, MediumRes, 4), V("p1.2", "node1", MidPriority, MediumRes, 2),
                V("p2.1", "node2", MidPriority, MediumRes, 6), V("p2.2", "node2", LowPriority, MediumRes, 1),
                V("p3.1", "node3", LowPriority, MediumRes, 3), V("p3.2", "node3", MidPriority, MediumRes, 5),
            ],
            ["node2"])).SetName("different priority, same number of victims, different start time for all pods");
    }

    [TestCaseSource(nameof(SelectBestCandidateCases))]
    public void TestSelectBestCandidate(SelectBestCandidateCase tt)
    {
        var fixture = new PreemptionFixture(tt.NodeNames.Select(n => Node(n, VeryLargeRes)), tt.Pods, ["NodeResourcesFit"]);
        var pod = new PodInfo(tt.Pod);
        var state = fixture.PreFilter(pod);
        var nodes = fixture.Snapshot.NodeInfos;
        var (offset, numCandidates) = fixture.Plugin.GetOffsetAndNumCandidates(nodes.Count);
        var candidates = fixture.Plugin.DryRunPreemption(state, pod, nodes, [], offset, numCandidates).Candidates;

        var selected = Sim.Scheduling.Plugins.DefaultPreemption.CandidateSelection.Select(candidates, fixture.Now);

        Assert.That(selected, Is.Not.Null, $"expected any node in [{string.Join(", ", tt.Expected)}], but candidate is missing");
        Assert.That(tt.Expected, Does.Contain(selected!.NodeName));
    }

    /// <summary>One <c>TestCustomSelection</c> case: the expected victims by candidate node, in order.</summary>
    public sealed record CustomSelectionCase(Func<NodeInfo, PodInfo, Pod, bool> EligiblePods, string[] NodeNames, Pod Pod, Pod[] Pods, (string Node, string[] Victims)[] Expected);

    private static IEnumerable<TestCaseData> CustomSelectionCases()
    {
        static Func<NodeInfo, PodInfo, Pod, bool> PodLabelIsEligible(string key, string value) =>
            (_, victim, _) => victim.Pod.Metadata.Labels.TryGetValue(key, out var v) && v == value;
        static Func<NodeInfo, PodInfo, Pod, bool> NodeNameIsEligible(string name) => (node, _, _) => node.Name == name;
        static Func<NodeInfo, PodInfo, Pod, bool> PriorityBelowThresholdCannotPreempt(int minPreempting) => (_, _, preemptor) => preemptor.Spec.Priority >= minPreempting;
        static Func<NodeInfo, PodInfo, Pod, bool> PriorityAboveThresholdCannotBePreempted(int maxPreemptible) => (_, victim, _) => victim.Pod.Spec.Priority <= maxPreemptible;
        static Pod V(string name, string node, int priority, (string, string)[] res, string? preemptible = null)
        {
            var pod = Pod(name).Node(node).Priority(priority).Req(res).StartedAt(Epoch(0));
            return (preemptible is null ? pod : pod.Label("preemptible", preemptible)).Obj();
        }

        Pod[] labelled =
        [
            V("v1", "node1", MidPriority, LargeRes, "no"), V("v2", "node2", MidPriority, LargeRes, "yes"),
            V("v3", "node3", LowPriority, LargeRes, "yes"), V("v4", "node4", LowPriority, LargeRes),
        ];
        string[] four = ["node1", "node2", "node3", "node4"];
        string[] three = ["node1", "node2", "node3"];
        yield return new TestCaseData(new CustomSelectionCase(PodLabelIsEligible("preemptible", "yes"), four, Pod("p1").Priority(HighPriority).Req(LargeRes).Obj(), labelled,
            [("node2", ["v2"]), ("node3", ["v3"])])).SetName("filter for matching pod label: high priority");
        yield return new TestCaseData(new CustomSelectionCase(PodLabelIsEligible("preemptible", "yes"), four, Pod("p2").Priority(MidPriority).Req(LargeRes).Obj(), labelled,
            [("node3", ["v3"])])).SetName("filter for matching pod label: mid priority");
        yield return new TestCaseData(new CustomSelectionCase(PodLabelIsEligible("preemptible", "yes"), four, Pod("p3").Priority(LowPriority).Req(LargeRes).Obj(), labelled,
            [])).SetName("filter for matching pod label: low priority");

        yield return new TestCaseData(new CustomSelectionCase(NodeNameIsEligible("node1"), three, Pod("p3").Priority(HighPriority).Req(LargeRes).Obj(),
            [
                V("v1", "node1", HighPriority, MediumRes), V("v2", "node1", MidPriority, SmallRes), V("v3", "node1", LowPriority, SmallRes),
                V("v4", "node2", MidPriority, LargeRes), V("v5", "node3", LowPriority, LargeRes),
            ],
            [("node1", ["v2", "v3"])])).SetName("filter for matching victim node: high priority");
        Pod[] node1Small =
        [
            V("v1", "node1", HighPriority, SmallRes), V("v2", "node1", MidPriority, SmallRes), V("v3", "node1", LowPriority, SmallRes),
            V("v4", "node2", MidPriority, LargeRes), V("v5", "node3", LowPriority, LargeRes),
        ];
        yield return new TestCaseData(new CustomSelectionCase(NodeNameIsEligible("node1"), three, Pod("p3").Priority(MidPriority).Req(LargeRes).Obj(), node1Small,
            [("node1", ["v3"])])).SetName("filter for matching victim node: mid priority");
        yield return new TestCaseData(new CustomSelectionCase(NodeNameIsEligible("node1"), three, Pod("p3").Priority(LowPriority).Req(LargeRes).Obj(), node1Small,
            [])).SetName("filter for matching victim node: low priority");

        Pod[] onePerNode = [V("v1", "node1", HighPriority, LargeRes), V("v2", "node2", MidPriority, LargeRes), V("v3", "node3", LowPriority, LargeRes)];
        yield return new TestCaseData(new CustomSelectionCase(PriorityBelowThresholdCannotPreempt(HighPriority), three, Pod("p1").Priority(HighPriority).Req(LargeRes).Obj(), onePerNode,
            [("node2", ["v2"]), ("node3", ["v3"])])).SetName("only pods at or above specified priority can preempted: high priority");
        yield return new TestCaseData(new CustomSelectionCase(PriorityBelowThresholdCannotPreempt(HighPriority), three, Pod("p2").Priority(MidPriority).Req(LargeRes).Obj(), onePerNode,
            [])).SetName("only pods at or above specified priority can preempted: mid priority");
        yield return new TestCaseData(new CustomSelectionCase(PriorityAboveThresholdCannotBePreempted(MidPriority), three, Pod("p1").Priority(HighPriority).Req(LargeRes).Obj(), onePerNode,
            [("node2", ["v2"]), ("node3", ["v3"])])).SetName("only pods at or below specified priority can be preempted: high priority");
    }

    [TestCaseSource(nameof(CustomSelectionCases))]
    public void TestCustomSelection(CustomSelectionCase tt)
    {
        var fixture = new PreemptionFixture(tt.NodeNames.Select(n => Node(n, VeryLargeRes)), tt.Pods, ["NodeResourcesFit"]);
        var pod = new PodInfo(tt.Pod);
        var state = fixture.PreFilter(pod);
        fixture.Plugin.IsEligiblePod = tt.EligiblePods;
        var nodes = fixture.Snapshot.NodeInfos;
        var (offset, numCandidates) = fixture.Plugin.GetOffsetAndNumCandidates(nodes.Count);
        var candidates = fixture.Plugin.DryRunPreemption(state, pod, nodes, [], offset, numCandidates).Candidates.ToList();

        Assert.That(candidates, Has.Count.EqualTo(tt.Expected.Length), string.Join(", ", candidates.Select(c => c.NodeName)));
        var expected = tt.Expected.ToDictionary(e => e.Node, e => e.Victims);
        while (candidates.Count > 0)
        {
            var selected = Sim.Scheduling.Plugins.DefaultPreemption.CandidateSelection.Select(candidates, fixture.Now)!;
            Assert.That(expected, Does.ContainKey(selected.NodeName), "unexpected candidate");
            Assert.That(selected.Victims.Select(v => v.Metadata.Name), Is.EqualTo(expected[selected.NodeName]), $"victims on {selected.NodeName}");
            candidates.RemoveAll(c => c.NodeName == selected.NodeName);
        }
    }

    /// <summary>One <c>TestCustomOrdering</c> case.</summary>
    public sealed record CustomOrderingCase(Func<Pod, Pod, bool> OrderPods, Pod Pod, Pod[] Pods, string[] ExpectedPods);

    private static IEnumerable<TestCaseData> CustomOrderingCases()
    {
        static bool OrderByOldestStart(Pod a, Pod b) => a.Status.StartedAt!.Value < b.Status.StartedAt!.Value;
        static bool OrderByPodName(Pod a, Pod b) => string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name) < 0;

        // The newest two pods are selected, despite one with higher priority.
        yield return new TestCaseData(new CustomOrderingCase(
            OrderByOldestStart,
            Pod("p2").Priority(HighPriority).Req(LargeRes).Obj(),
            [
                Pod("v1").Node("node1").Priority(LowPriority).Req(MediumRes).StartedAt(Epoch(2)).Obj(),
                Pod("v2").Node("node1").Priority(LowPriority).Req(MediumRes).StartedAt(Epoch(0)).Obj(),
                Pod("v3").Node("node1").Priority(MidPriority).Req(MediumRes).StartedAt(Epoch(1)).Obj(),
            ],
            ["v3", "v1"])).SetName("select newest pods");

        // The last pods in alphabetic order are selected, despite one with higher priority.
        yield return new TestCaseData(new CustomOrderingCase(
            OrderByPodName,
            Pod("p2").Priority(HighPriority).Req(LargeRes).Obj(),
            [
                Pod("foo").Node("node1").Priority(LowPriority).Req(MediumRes).StartedAt(Epoch(0)).Obj(),
                Pod("bar").Node("node1").Priority(LowPriority).Req(MediumRes).StartedAt(Epoch(0)).Obj(),
                Pod("baz").Node("node1").Priority(MidPriority).Req(MediumRes).StartedAt(Epoch(0)).Obj(),
            ],
            ["baz", "foo"])).SetName("select alphabetically-last pods");
    }

    [TestCaseSource(nameof(CustomOrderingCases))]
    public void TestCustomOrdering(CustomOrderingCase tt)
    {
        var fixture = new PreemptionFixture([Node("node1", VeryLargeRes)], tt.Pods, ["NodeResourcesFit"]);
        var pod = new PodInfo(tt.Pod);
        var state = fixture.PreFilter(pod);
        fixture.Plugin.MoreImportantPod = tt.OrderPods;
        var nodes = fixture.Snapshot.NodeInfos;
        var (offset, numCandidates) = fixture.Plugin.GetOffsetAndNumCandidates(nodes.Count);
        var candidates = fixture.Plugin.DryRunPreemption(state, pod, nodes, [], offset, numCandidates).Candidates;

        Assert.That(candidates, Has.Count.EqualTo(1));
        Assert.That(candidates[0].Victims.Select(v => v.Metadata.Name), Is.EqualTo(tt.ExpectedPods));
    }
}
