using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.PodTopologySpread;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go</c>, case by case.
/// </summary>
/// <remarks>
/// Sim runs with the NodeInclusionPolicy and MatchLabelKeys features on (upstream's defaults); cases
/// written for a gate turned off are ported when the outcome is the same with it on. Skipped:
/// <list type="bullet">
/// <item>TestPodTopologySpreadScore "matchLabelKeys ignored when feature gate disabled": with the gate on, baz="" is ANDed into both selectors.</item>
/// <item>BenchmarkTestPodTopologySpreadScore: a benchmark, not a test.</item>
/// </list>
/// Nodes are built with <see cref="Spread.N"/> (no implicit hostname label, as upstream's wrapper);
/// upstream's empty namespace is Sim's "default".
/// </remarks>
public class ScoringTests
{
    private const WhenUnsatisfiable Hard = WhenUnsatisfiable.DoNotSchedule;
    private const WhenUnsatisfiable Soft = WhenUnsatisfiable.ScheduleAnyway;
    private const NodeInclusionPolicy Honor = NodeInclusionPolicy.Honor;
    private const NodeInclusionPolicy Ignore = NodeInclusionPolicy.Ignore;

    [TestCaseSource(nameof(PreScoreSkipCases))]
    public void TestPreScoreSkip(PreScoreCase c)
    {
        var plugin = NewPlugin(c.Args, c.Nodes, null, c.Objs, out var snapshot);
        var status = plugin.PreScore(new CycleState(), new PodInfo(c.Pod), snapshot.NodeInfos);
        Assert.That(status.Code, Is.EqualTo(StatusCode.Skip), status.ToString());
    }

    [TestCaseSource(nameof(PreScoreStateEmptyNodesCases))]
    public void TestPreScoreStateEmptyNodes(PreScoreCase c)
    {
        var plugin = NewPlugin(c.Args, c.Nodes, null, c.Objs, out var snapshot);
        var state = new CycleState();
        var status = plugin.PreScore(state, new PodInfo(c.Pod), snapshot.NodeInfos);
        Assert.That(status.Code, Is.EqualTo(StatusCode.Success), status.ToString());
        var got = state.Read(TopologySpreadPlugin.PreScoreKey)!;
        var want = c.Want!;
        Assert.Multiple(() =>
        {
            Assert.That(got.Constraints.Select(Describe), Is.EqualTo(want.Constraints.Select(Canonical)), "Constraints");
            Assert.That(got.IgnoredNodes, Is.EquivalentTo(want.IgnoredNodes), "IgnoredNodes");
            Assert.That(got.TopologyValueToPodCounts, Is.EqualTo(want.TopologyValueToPodCounts), "TopologyValueToPodCounts");
            Assert.That(got.TopologyNormalizingWeight, Is.EqualTo(want.TopologyNormalizingWeight), "TopologyNormalizingWeight");
        });
    }

    [TestCaseSource(nameof(PodTopologySpreadScoreCases))]
    public void TestPodTopologySpreadScore(ScoreCase c)
    {
        var plugin = NewPlugin(SystemDefaulting, [.. c.Nodes, .. c.FailedNodes], c.ExistingPods, c.Objs, out var snapshot);
        var state = new CycleState();
        var pod = new PodInfo(c.Pod);
        var feasible = c.Nodes.Select(n => snapshot.Get(n.Metadata.Name)!).ToArray();
        var status = plugin.PreScore(state, pod, feasible);
        Assert.That(status.Code, Is.EqualTo(StatusCode.Success), status.ToString());
        var scores = feasible.Select(n => new NodeScore(n.Name, plugin.Score(state, pod, n))).ToArray();
        status = plugin.NormalizeScore(state, pod, scores);
        Assert.Multiple(() =>
        {
            Assert.That(status.IsSuccess, status.ToString());
            Assert.That(scores, Is.EqualTo(c.Want));
        });
    }

    private static PodWrapper MakePod(string name, params string[] labels)
    {
        var pod = St.MakePod().Name(name);
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            pod = eq < 0 ? pod.Label(label, string.Empty) : pod.Label(label[..eq], label[(eq + 1)..]);
        }

        return pod;
    }

    private static IEnumerable<TestCaseData> PreScoreSkipCases()
    {
        static TestCaseData Case(string name, PreScoreCase c) => new TestCaseData(c).SetName(name);
        yield return Case("the pod doesn't have soft topology spread Constraints", new(St.MakePod().Name("p").Obj(), ListDefaulting)
        {
            Nodes = [N("node-a", $"{Hostname}=node-a"), N("node-b", $"{Hostname}=node-b")],
        });
        yield return Case("default constraints and a replicaset that doesn't match", new(
            MakePod("p", "foo=bar", "baz=sup").OwnerReference("ReplicaSet", "rs2").Obj(),
            ListDefaulting with { DefaultConstraints = [Default(2, "planet", Soft)] })
        {
            Nodes = [N("node-a", "planet=mars")],
            Objs = [ReplicaSet("rs1", "tar")],
        });
    }

    private static IEnumerable<TestCaseData> PreScoreStateEmptyNodesCases()
    {
        static TestCaseData Case(string name, PreScoreCase c) => new TestCaseData(c).SetName(name);
        static double W(int size) => TopologySpreadPlugin.TopologyNormalizingWeight(size);
        Node[] abx = [N("node-a", "zone=zone1", $"{Hostname}=node-a"), N("node-b", "zone=zone1", $"{Hostname}=node-b"), N("node-x", "zone=zone2", $"{Hostname}=node-x")];
        Node[] fooNodes = [N("node-a", "zone=zone1", "foo", $"{Hostname}=node-a"), N("node-b", "zone=zone1", "foo", $"{Hostname}=node-b"), N("node-x", "zone=zone2", $"{Hostname}=node-x")];
        Node[] taintedNodes = [N("node-a", "zone=zone1", "foo", $"{Hostname}=node-a"), N("node-b", "zone=zone1", "foo", $"{Hostname}=node-b"), N("node-x", "zone=zone2", $"{Hostname}=node-x").Tainted()];
        var fooSelector = new Dictionary<string, string> { ["foo"] = string.Empty };

        yield return Case("normal case", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, Hostname, Soft, Foo).Obj(), ListDefaulting)
        {
            Nodes = abx,
            Want = new([new(1, "zone", Foo), new(1, Hostname, Foo)], [], [LongCounts("zone1", "zone2"), LongCounts()], [W(2), W(3)]),
        });
        yield return Case("null selector", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, null).Obj(), ListDefaulting)
        {
            Nodes = abx,
            Want = new([new(1, "zone", null)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("node-x doesn't have label zone", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, Hostname, Soft, Bar).Obj(), ListDefaulting)
        {
            Nodes = [N("node-a", "zone=zone1", $"{Hostname}=node-a"), N("node-b", "zone=zone1", $"{Hostname}=node-b"), N("node-x", $"{Hostname}=node-x")],
            Want = new([new(1, "zone", Foo), new(1, Hostname, Bar)], ["node-x"], [LongCounts("zone1"), LongCounts()], [W(1), W(2)]),
        });
        yield return Case("system default constraints and a replicaset", new(
            MakePod("p", "foo=tar", "baz=sup").OwnerReference("ReplicaSet", "rs1").Obj(), SystemDefaulting)
        {
            Nodes =
            [
                N("node-a", $"{Hostname}=node-a", $"{Node.ZoneLabel}=mars"), N("node-b", $"{Hostname}=node-b", $"{Node.ZoneLabel}=mars"),
                N("node-c", $"{Hostname}=node-c"), N("node-d", $"{Hostname}=node-d"),
            ],
            Objs = [ReplicaSet("rs1", Foo)],
            Want = new([new(3, Hostname, Foo), new(5, Node.ZoneLabel, Foo)], [], [LongCounts(), LongCounts("mars", string.Empty)], [W(4), W(2)]),
        });
        yield return Case("default constraints and a replicaset", new(
            MakePod("p", "foo=tar", "baz=sup").OwnerReference("ReplicaSet", "rs1").Obj(),
            ListDefaulting with { DefaultConstraints = [Default(1, Hostname, Soft), Default(2, "rack", Hard), Default(2, "planet", Soft)] })
        {
            Nodes = [N("node-a", "rack=rack1", $"{Hostname}=node-a", "planet=mars")],
            Objs = [ReplicaSet("rs1", Foo)],
            Want = new([new(1, Hostname, Foo), new(2, "planet", Foo)], [], [LongCounts(), LongCounts("mars")], [W(1), W(1)]),
        });
        yield return Case("default constraints and a replicaset, but pod has constraints", new(
            MakePod("p", "foo=bar", "baz=sup").OwnerReference("ReplicaSet", "rs1").SpreadConstraint(1, "zone", Hard, Bar).SpreadConstraint(2, "planet", Soft, "baz=sup").Obj(),
            ListDefaulting with { DefaultConstraints = [Default(2, "galaxy", Soft)] })
        {
            Nodes = [N("node-a", "planet=mars", "galaxy=andromeda")],
            Objs = [ReplicaSet("rs1", Foo)],
            Want = new([new(2, "planet", "baz=sup")], [], [LongCounts("mars")], [W(1)]),
        });
        yield return Case("NodeAffinityPolicy honored with labelSelectors", new(MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "zone", Soft, Bar).Obj(), ListDefaulting)
        {
            Nodes = fooNodes,
            Want = new([new(1, "zone", Bar)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("NodeAffinityPolicy ignored with labelSelectors", new(MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "zone", Soft, Bar, nodeAffinityPolicy: Ignore).Obj(), ListDefaulting)
        {
            Nodes = fooNodes,
            Want = new([new(1, "zone", Bar, NodeAffinityPolicy: Ignore)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("NodeAffinityPolicy honored with nodeAffinity", new(MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "zone", Soft, Bar).Obj(), ListDefaulting)
        {
            Nodes = fooNodes,
            Want = new([new(1, "zone", Bar)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("NodeAffinityPolicy ignored with nodeAffinity", new(MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "zone", Soft, Bar, nodeAffinityPolicy: Ignore).Obj(), ListDefaulting)
        {
            Nodes = fooNodes,
            Want = new([new(1, "zone", Bar, NodeAffinityPolicy: Ignore)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("NodeTaintsPolicy honored", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Bar, nodeTaintsPolicy: Honor).Obj(), ListDefaulting)
        {
            Nodes = taintedNodes,
            Want = new([new(1, "zone", Bar, NodeTaintsPolicy: Honor)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
        yield return Case("NodeTaintsPolicy ignored", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Bar).Obj(), ListDefaulting)
        {
            Nodes = taintedNodes,
            Want = new([new(1, "zone", Bar)], [], [LongCounts("zone1", "zone2")], [W(2)]),
        });
    }

    private static IEnumerable<TestCaseData> PodTopologySpreadScoreCases()
    {
        static TestCaseData Case(string name, ScoreCase c) => new TestCaseData(c).SetName(name);
        static NodeScore[] Want(params (string Node, long Score)[] scores) => [.. scores.Select(s => new NodeScore(s.Node, s.Score))];
        static Node H(string name, params string[] labels) => N(name, [$"{Hostname}={name}", .. labels]);
        var onNode = MakePod("p", "foo").SpreadConstraint(1, Hostname, Soft, Foo).Obj();
        Node[] abcd = [H("node-a"), H("node-b"), H("node-c"), H("node-d")];
        Pod[] spread2103 = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-d1", "node-d", "foo"), P("p-d2", "node-d", "foo"), P("p-d3", "node-d", "foo")];
        Pod[] spread4321 =
        [
            P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-a3", "node-a", "foo"), P("p-a4", "node-a", "foo"), P("p-b1", "node-b", "foo"),
            P("p-b2", "node-b", "foo"), P("p-b3", "node-b", "foo"), P("p-c1", "node-c", "foo"), P("p-c2", "node-c", "foo"), P("p-d1", "node-d", "foo"),
        ];
        Pod[] spread4213 =
        [
            P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-a3", "node-a", "foo"), P("p-a4", "node-a", "foo"), P("p-b1", "node-b", "foo"),
            P("p-b2", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"),
        ];

        yield return Case("one constraint on node, no existing pods", new(onNode, [H("node-a"), H("node-b")], Want(("node-a", 100), ("node-b", 100))));
        yield return Case("one constraint on node, only one node is candidate", new(onNode, [H("node-a")], Want(("node-a", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo")],
            FailedNodes = [H("node-b")],
        });
        yield return Case("one constraint on node, all nodes have the same number of matching pods", new(onNode, [H("node-a"), H("node-b")], Want(("node-a", 100), ("node-b", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo")],
        });
        yield return Case("one constraint on node, all 4 nodes are candidates", new(onNode, abcd, Want(("node-a", 20), ("node-b", 60), ("node-c", 100), ("node-d", 0)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("one constraint on node, null selector", new(
            MakePod("p", "foo").SpreadConstraint(1, Hostname, Soft, null).Obj(), abcd, Want(("node-a", 100), ("node-b", 100), ("node-c", 100), ("node-d", 100)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("one constraint on node, all 4 nodes are candidates, maxSkew=2", new(
            MakePod("p", "foo").SpreadConstraint(2, Hostname, Soft, Foo).Obj(), abcd, Want(("node-a", 33), ("node-b", 66), ("node-c", 100), ("node-d", 16)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("one constraint on node, all 4 nodes are candidates, maxSkew=3", new(
            MakePod("p", "foo").SpreadConstraint(3, Hostname, Soft, Foo).Obj(), abcd, Want(("node-a", 44), ("node-b", 66), ("node-c", 77), ("node-d", 100)))
        {
            ExistingPods = spread4321,
        });
        yield return Case("system defaulting, nodes don't have zone, pods match service", new(
            MakePod("p", "foo").Obj(), abcd, Want(("node-a", 44), ("node-b", 66), ("node-c", 77), ("node-d", 100)))
        {
            ExistingPods = spread4321,
            Objs = [Service("foo")],
        });
        yield return Case("one constraint on node, 3 out of 4 nodes are candidates", new(
            onNode, [H("node-a"), H("node-b"), H("node-x")], Want(("node-a", 33), ("node-b", 83), ("node-x", 100)))
        {
            ExistingPods = spread4213,
            FailedNodes = [H("node-y")],
        });
        yield return Case("one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key", new(
            onNode, [H("node-a"), N("node-b", "n=node-b"), H("node-x")], Want(("node-a", 16), ("node-b", 0), ("node-x", 100)))
        {
            ExistingPods = spread4213,
            FailedNodes = [H("node-y")],
        });
        yield return Case("one constraint on zone, 3 out of 4 nodes are candidates", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Foo).Obj(),
            [H("node-a", "zone=zone1"), H("node-b", "zone=zone1"), H("node-x", "zone=zone2")],
            Want(("node-a", 75), ("node-b", 75), ("node-x", 100)))
        {
            ExistingPods = spread4213,
            FailedNodes = [H("node-y", "zone=zone2")],
        });
        yield return Case("two Constraints on zone and node, 2 out of 4 nodes are candidates", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, Hostname, Soft, Foo).Obj(),
            [H("node-a", "zone=zone1"), H("node-x", "zone=zone2")],
            Want(("node-a", 100), ("node-x", 63)))
        {
            ExistingPods =
            [
                P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-x2", "node-x", "foo"),
                P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo"),
            ],
            FailedNodes = [H("node-b", "zone=zone1"), H("node-y", "zone=zone2")],
        });
        yield return Case("two Constraints on zone, 2 out of 4 nodes are candidates", new(
            MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, "zone", Soft, Bar).Obj(),
            [N("node-a", "zone=zone1"), N("node-x", "zone=zone2")],
            Want(("node-a", 85), ("node-x", 100)))
        {
            ExistingPods =
            [
                P("p-a1", "node-a", "foo", "bar"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-y", "foo"),
                P("p-y2", "node-y", "foo", "bar"), P("p-y3", "node-y", "foo"),
            ],
            FailedNodes = [N("node-b", "zone=zone1"), N("node-y", "zone=zone2")],
        });

        var zoneFooHostBar = MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, Hostname, Soft, Bar).Obj();
        Node[] zonedAbxy = [H("node-a", "zone=zone1"), H("node-b", "zone=zone1"), H("node-x", "zone=zone2"), H("node-y", "zone=zone2")];
        yield return Case("two Constraints on zone and node, with different labelSelectors", new(
            zoneFooHostBar, zonedAbxy, Want(("node-a", 60), ("node-b", 20), ("node-x", 100), ("node-y", 60)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "bar")],
        });
        yield return Case("two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods", new(
            zoneFooHostBar, zonedAbxy, Want(("node-a", 100), ("node-b", 60), ("node-x", 40), ("node-y", 0)))
        {
            ExistingPods = [P("p-b1", "node-b", "bar"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo", "bar")],
        });
        yield return Case("two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates", new(
            zoneFooHostBar, zonedAbxy[..3], Want(("node-a", 50), ("node-b", 25), ("node-x", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "bar")],
            FailedNodes = [zonedAbxy[3]],
        });
        yield return Case("existing pods in a different namespace do not count", new(onNode, [H("node-a"), H("node-b")], Want(("node-a", 100), ("node-b", 33)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo").InNamespace("ns1"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo")],
        });
        yield return Case("terminating Pods should be excluded", new(onNode, [H("node-a"), H("node-b")], Want(("node-a", 100), ("node-b", 0)))
        {
            ExistingPods = [P("p-a", "node-a", "foo").Terminating(), P("p-b", "node-b", "foo")],
        });
        yield return Case("minDomains has no effect when ScheduleAnyway", new(
            MakePod("p", "foo").SpreadConstraint(2, "node", Soft, Foo, minDomains: 10).Obj(),
            [N("node-a", "node=node-a"), N("node-b", "node=node-b"), N("node-c", "node=node-c")],
            Want(("node-a", 75), ("node-b", 75), ("node-c", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-c1", "node-c", "foo")],
        });

        var fooSelector = new Dictionary<string, string> { ["foo"] = string.Empty };
        Node[] fooNodes = [N("node-a", "node=node-a", "foo"), N("node-b", "node=node-b", "foo"), N("node-c", "node=node-c")];
        Node[] taintedNodes = [N("node-a", "node=node-a"), N("node-b", "node=node-b"), N("node-c", "node=node-c").Tainted()];
        Pod[] spread211 = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-c1", "node-c", "foo")];
        yield return Case("NodeAffinityPolicy honoed with labelSelectors", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Soft, Foo).Obj(), fooNodes, Want(("node-a", 0), ("node-b", 33), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        yield return Case("NodeAffinityPolicy ignored with labelSelectors", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Soft, Foo, nodeAffinityPolicy: Ignore).Obj(), fooNodes, Want(("node-a", 66), ("node-b", 100), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        yield return Case("NodeAffinityPolicy honoed with nodeAffinity", new(
            MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Soft, Foo).Obj(), fooNodes, Want(("node-a", 0), ("node-b", 33), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        yield return Case("NodeAffinityPolicy ignored with nodeAffinity", new(
            MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Soft, Foo, nodeAffinityPolicy: Ignore).Obj(), fooNodes, Want(("node-a", 66), ("node-b", 100), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        yield return Case("NodeTaintsPolicy honored", new(
            MakePod("p", "foo").SpreadConstraint(1, "node", Soft, Foo, nodeTaintsPolicy: Honor).Obj(), taintedNodes, Want(("node-a", 0), ("node-b", 33), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        yield return Case("NodeTaintsPolicy ignored", new(
            MakePod("p", "foo").SpreadConstraint(1, "node", Soft, Foo).Obj(), taintedNodes, Want(("node-a", 66), ("node-b", 100), ("node-c", 100)))
        {
            ExistingPods = spread211,
        });
        Node[] zonedAbcd = [H("node-a", "zone=zone1"), H("node-b", "zone=zone1"), H("node-c", "zone=zone2"), H("node-d", "zone=zone2")];
        yield return Case("matchLabelKeys ANDed with LabelSelector when LabelSelector is empty", new(
            MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Soft, string.Empty, null, Honor, Ignore, "foo").SpreadConstraint(1, Hostname, Soft, string.Empty, null, Honor, Ignore, "bar").Obj(),
            zonedAbcd,
            Want(("node-a", 60), ("node-b", 20), ("node-c", 60), ("node-d", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-c", "foo"), P("p-y2", "node-c", "bar")],
        });
        yield return Case("matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty", new(
            MakePod("p", "foo", "bar", "baz").SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, Hostname, Soft, Bar, null, Honor, Ignore, "baz").Obj(),
            zonedAbcd,
            Want(("node-a", 60), ("node-b", 20), ("node-c", 60), ("node-d", 100)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar", "baz"), P("p-c1", "node-c", "foo"), P("p-c2", "node-c", "bar"), P("p-d3", "node-c", "bar", "baz")],
        });
    }
}

/// <summary>A TestPreScoreSkip or TestPreScoreStateEmptyNodes case.</summary>
/// <param name="Pod">The pod being scheduled.</param>
/// <param name="Args">The plugin args.</param>
public sealed record PreScoreCase(Pod Pod, PodTopologySpreadArgs Args)
{
    public Node[] Nodes { get; init; } = [];

    public ApiObject[] Objs { get; init; } = [];

    public WantPreScoreState? Want { get; init; }
}

/// <summary>An expected <c>preScoreState</c>.</summary>
public sealed record WantPreScoreState(Constraint[] Constraints, string[] IgnoredNodes, Dictionary<string, long>[] TopologyValueToPodCounts, double[] TopologyNormalizingWeight);

/// <summary>A TestPodTopologySpreadScore case.</summary>
/// <param name="Pod">The pod being scheduled.</param>
/// <param name="Nodes">The feasible nodes.</param>
/// <param name="Want">The normalized scores of the feasible nodes.</param>
public sealed record ScoreCase(Pod Pod, Node[] Nodes, NodeScore[] Want)
{
    public Node[] FailedNodes { get; init; } = [];

    public Pod[] ExistingPods { get; init; } = [];

    public ApiObject[] Objs { get; init; } = [];
}
