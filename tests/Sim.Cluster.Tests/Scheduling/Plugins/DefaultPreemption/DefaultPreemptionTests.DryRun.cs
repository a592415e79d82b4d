using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.DefaultPreemption;
using static Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption.PreemptionTestPlugins;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>Upstream's <c>TestDryRunPreemption</c>. No case skipped.</summary>
public partial class DefaultPreemptionTests
{
    /// <summary>One <c>TestDryRunPreemption</c> case.</summary>
    public sealed record DryRunCase(
        string[] NodeNames,
        Pod[] TestPods,
        Pod[] InitPods,
        Func<object[]> Plugins,
        ExpectedCandidate[][] Expected,
        int[] ExpectedNumFilterCalled,
        StatusCode FakeFilterCode = StatusCode.Success,
        DefaultPreemptionArgs? Args = null,
        PodDisruptionBudget[]? Pdbs = null,
        int[]? Offsets = null);

    private static IEnumerable<TestCaseData> DryRunCases()
    {
        static object[] Fit() => ["NodeResourcesFit"];
        static ExpectedCandidate C(string node, int pdbViolations, params string[] victims) => new(node, victims, pdbViolations);
        ExpectedCandidate[][] none = [[]];

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Obj()],
            () => [new FalseFilter()],
            none,
            [2])).SetName("a pod that does not fit on any node");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Obj()],
            () => [new TrueFilter()],
            none,
            [2],
            FakeFilterCode: StatusCode.Unschedulable)).SetName("a pod that fits with no preemption");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("node1").Priority(HighPriority).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Obj()],
            () => [new MatchFilter()],
            none,
            [2],
            FakeFilterCode: StatusCode.Unschedulable)).SetName("a pod that fits on one node with no preemption");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Req(LargeRes).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Req(LargeRes).Obj()],
            Fit,
            [[C("node1", 0, "p1"), C("node2", 0, "p2")]],
            [4])).SetName("a pod that fits on both nodes when lower priority pods are preempted");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(LowPriority).Req(LargeRes).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Req(LargeRes).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Req(LargeRes).Obj()],
            Fit,
            none,
            [0])).SetName("a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            [
                Pod("p1.1").Node("node1").Priority(LowPriority).Req(SmallRes).Obj(),
                Pod("p1.2").Node("node1").Priority(MidPriority).Req(LargeRes).Obj(),
                Pod("p2").Node("node2").Priority(MidPriority).Req(LargeRes).Obj(),
            ],
            Fit,
            [[C("node1", 0, "p1.2"), C("node2", 0, "p2")]],
            [5])).SetName("medium priority pod is preempted, but lower priority one stays as it is small");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            [
                Pod("p1.1").Node("node1").Priority(MidPriority).Req(SmallRes).Obj(),
                Pod("p1.2").Node("node1").Priority(LowPriority).Req(SmallRes).Obj(),
                Pod("p1.3").Node("node1").Priority(MidPriority).Req(MediumRes).Obj(),
                Pod("p1.4").Node("node1").Priority(HighPriority).Req(SmallRes).Obj(),
                Pod("p2").Node("node2").Priority(HighPriority).Req(LargeRes).Obj(),
            ],
            Fit,
            [[C("node1", 0, "p1.2", "p1.3")]],
            [4])).SetName("mixed priority pods are preempted");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            [
                Pod("p1.1").Node("node1").Priority(LowPriority).Req(SmallRes).StartedAt(Epoch(5)).Obj(),
                Pod("p1.2").Node("node1").Priority(LowPriority).Req(SmallRes).StartedAt(Epoch(4)).Obj(),
                Pod("p1.3").Node("node1").Priority(MidPriority).Req(MediumRes).StartedAt(Epoch(3)).Obj(),
                Pod("p1.4").Node("node1").Priority(HighPriority).Req(SmallRes).StartedAt(Epoch(2)).Obj(),
                Pod("p2").Node("node2").Priority(HighPriority).Req(LargeRes).StartedAt(Epoch(1)).Obj(),
            ],
            Fit,
            [[C("node1", 0, "p1.1", "p1.3")]],
            [4])).SetName("mixed priority pods are preempted, pick later StartTime one when priorities are equal");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Label("foo", string.Empty).Priority(HighPriority).Req(SmallRes).Obj()],
            [
                Pod("p1.1").Node("node1").Label("foo", string.Empty).Priority(LowPriority).Req(SmallRes).PodAntiAffinity("hostname", "foo").Obj(),
                Pod("p1.2").Node("node1").Priority(MidPriority).Req(SmallRes).Obj(),
                Pod("p1.3").Node("node1").Priority(HighPriority).Req(SmallRes).Obj(),
                Pod("p2").Node("node2").Priority(HighPriority).Req(SmallRes).Obj(),
            ],
            () => ["NodeResourcesFit", "InterPodAffinity"],
            [[C("node1", 0, "p1.1")]],
            [3])).SetName("pod with anti-affinity is preempted");

        yield return new TestCaseData(new DryRunCase(
            ["node-a/zone1", "node-b/zone1", "node-x/zone2"],
            [
                Pod("p").Label("foo", string.Empty).Priority(HighPriority)
                    .SpreadConstraint(1, "zone", WhenUnsatisfiable.DoNotSchedule, "foo")
                    .SpreadConstraint(1, "hostname", WhenUnsatisfiable.DoNotSchedule, "foo").Obj(),
            ],
            [
                Pod("pod-a1").Node("node-a").Label("foo", string.Empty).Priority(MidPriority).Obj(),
                Pod("pod-a2").Node("node-a").Label("foo", string.Empty).Priority(LowPriority).Obj(),
                Pod("pod-b1").Node("node-b").Label("foo", string.Empty).Priority(LowPriority).Obj(),
                Pod("pod-x1").Node("node-x").Label("foo", string.Empty).Priority(HighPriority).Obj(),
                Pod("pod-x2").Node("node-x").Label("foo", string.Empty).Priority(HighPriority).Obj(),
            ],
            () => ["PodTopologySpread"],
            [[C("node-a", 0, "pod-a2"), C("node-b", 0, "pod-b1")]],
            [5])).SetName("preemption to resolve pod topology spread filter failure");

        yield return new TestCaseData(new DryRunCase(
            ["node1", "node2"],
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            [Pod("p1").Node("node1").Priority(MidPriority).Req(LargeRes).Obj(), Pod("p2").Node("node2").Priority(MidPriority).Req(LargeRes).Obj()],
            Fit,
            none,
            [2],
            FakeFilterCode: StatusCode.Unschedulable)).SetName("get Unschedulable in the preemption phase when the filter plugins filtering the nodes");

        Pod[] twoFoo =
        [
            Pod("p1.1").Node("node1").Label("app", "foo").Priority(MidPriority).Req(MediumRes).Obj(),
            Pod("p1.2").Node("node1").Label("app", "foo").Priority(MidPriority).Req(MediumRes).Obj(),
        ];
        yield return new TestCaseData(new DryRunCase(
            ["node1"],
            [Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj()],
            twoFoo,
            Fit,
            [[C("node1", 1, "p1.1", "p1.2")]],
            [3],
            Pdbs: [Pdb("pdb", "app=foo", 1)])).SetName("preemption with violation of same pdb");

        yield return new TestCaseData(new DryRunCase(
            ["node1"],
            [Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj()],
            twoFoo,
            Fit,
            [[C("node1", 1, "p1.1", "p1.2")]],
            [3],
            Pdbs: [Pdb("pdb", "app=foo", 1, "p2")])).SetName("preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods");

        yield return new TestCaseData(new DryRunCase(
            ["node1"],
            [Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj()],
            twoFoo,
            Fit,
            [[C("node1", 0, "p1.1", "p1.2")]],
            [3],
            Pdbs: [Pdb("pdb", "app=foo", 1, "p1.2")])).SetName("preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods");

        yield return new TestCaseData(new DryRunCase(
            ["node1"],
            [Pod("p").Priority(HighPriority).Req(VeryLargeRes).Obj()],
            [.. twoFoo, Pod("p1.3").Node("node1").Label("app", "foo").Priority(MidPriority).Req(MediumRes).Obj()],
            Fit,
            [[C("node1", 1, "p1.1", "p1.2", "p1.3")]],
            [4],
            Pdbs: [Pdb("pdb", "app=foo", 1, "p1.3")])).SetName("preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'");

        string[] fiveNodes = ["node1", "node2", "node3", "node4", "node5"];
        static Pod[] FivePods(params int[] priorities) =>
            [.. priorities.Select((priority, i) => Pod($"p{i + 1}").Node($"node{i + 1}").Priority(priority).Req(LargeRes).Obj())];
        var fortyPercentOrOne = new DefaultPreemptionArgs { MinCandidateNodesPercentage = 40, MinCandidateNodesAbsolute = 1 };

        // cycle=0 => offset=4 => node5 (yes), node1 (yes)
        yield return new TestCaseData(new DryRunCase(
            fiveNodes,
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            FivePods(MidPriority, MidPriority, MidPriority, MidPriority, MidPriority),
            Fit,
            [[C("node1", 0, "p1"), C("node5", 0, "p5")]],
            [4],
            Args: fortyPercentOrOne,
            Offsets: [4])).SetName("all nodes are possible candidates, but DefaultPreemptionArgs limits to 2");

        // cycle=0 => offset=4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
        yield return new TestCaseData(new DryRunCase(
            fiveNodes,
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            FivePods(MidPriority, VeryHighPriority, MidPriority, MidPriority, VeryHighPriority),
            Fit,
            [[C("node1", 0, "p1"), C("node3", 0, "p3")]],
            [4],
            Args: fortyPercentOrOne,
            Offsets: [4])).SetName("some nodes are not possible candidates, DefaultPreemptionArgs limits to 2");

        // cycle=0 => offset=4 => node5, node1; cycle=1 => offset=1 => node2, node3; cycle=2 => offset=3 => node4, node5
        yield return new TestCaseData(new DryRunCase(
            fiveNodes,
            [
                Pod("tp1").Priority(HighPriority).Req(LargeRes).Obj(),
                Pod("tp2").Priority(HighPriority).Req(LargeRes).Obj(),
                Pod("tp3").Priority(HighPriority).Req(LargeRes).Obj(),
            ],
            FivePods(MidPriority, MidPriority, MidPriority, MidPriority, MidPriority),
            Fit,
            [
                [C("node1", 0, "p1"), C("node5", 0, "p5")],
                [C("node2", 0, "p2"), C("node3", 0, "p3")],
                [C("node4", 0, "p4"), C("node5", 0, "p5")],
            ],
            [4, 4, 4],
            Args: fortyPercentOrOne,
            Offsets: [4, 1, 3])).SetName("preemption offset across multiple scheduling cycles and wrap around");

        // cycle=0 => offset=4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb), node3 (yes)
        Pod[] mixed =
        [
            Pod("p1").Node("node1").Label("app", "foo").Priority(MidPriority).Req(LargeRes).Obj(),
            Pod("p2").Node("node2").Label("app", "foo").Priority(MidPriority).Req(LargeRes).Obj(),
            Pod("p3").Node("node3").Priority(MidPriority).Req(LargeRes).Obj(),
            Pod("p4").Node("node4").Priority(MidPriority).Req(LargeRes).Obj(),
            Pod("p5").Node("node5").Label("app", "foo").Priority(MidPriority).Req(LargeRes).Obj(),
        ];
        yield return new TestCaseData(new DryRunCase(
            fiveNodes,
            [Pod("p").Priority(HighPriority).Req(LargeRes).Obj()],
            mixed,
            Fit,
            [[C("node1", 1, "p1"), C("node3", 0, "p3"), C("node5", 1, "p5")]],
            [8],
            Args: new DefaultPreemptionArgs { MinCandidateNodesPercentage = 40, MinCandidateNodesAbsolute = 2 },
            Pdbs: [Pdb("pdb", "app=foo", 0)],
            Offsets: [4])).SetName("preemption looks past numCandidates until a non-PDB violating node is found");
    }

    [TestCaseSource(nameof(DryRunCases))]
    public void TestDryRunPreemption(DryRunCase tt)
    {
        var fake = new FakeFilter(tt.NodeNames.ToDictionary(n => n.Split('/')[0], _ => tt.FakeFilterCode));
        var fixture = new PreemptionFixture(
            tt.NodeNames.Select(n => Node(n, VeryLargeRes)),
            tt.InitPods,
            [fake, .. tt.Plugins()],
            tt.Args,
            tt.Pdbs);
        UseOffsets(fixture, tt.Offsets ?? []);
        var nodes = fixture.NodesByName;
        var previous = 0;
        for (var cycle = 0; cycle < tt.TestPods.Length; cycle++)
        {
            var pod = new PodInfo(tt.TestPods[cycle]);
            var state = fixture.PreFilter(pod);
            var (offset, numCandidates) = fixture.Plugin.GetOffsetAndNumCandidates(nodes.Count);
            var got = fixture.Plugin.DryRunPreemption(state, pod, nodes, tt.Pdbs ?? [], offset, numCandidates);

            Assert.That(fake.NumFilterCalled - previous, Is.EqualTo(tt.ExpectedNumFilterCalled[cycle]), $"cycle {cycle}: NumFilterCalled");
            previous = fake.NumFilterCalled;
            Assert.That(
                Describe(got.Candidates, sortVictims: true).Select(c => c.ToString()),
                Is.EqualTo(tt.Expected[cycle].Select(c => c.ToString())),
                $"cycle {cycle}: candidates");
        }
    }
}
