using Sim.Cluster.Objects;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

public partial class FilteringTests
{
    private const StatusCode Success = StatusCode.Success;
    private const StatusCode Unschedulable = StatusCode.Unschedulable;
    private const StatusCode Unresolvable = StatusCode.UnschedulableAndUnresolvable;

    [TestCaseSource(nameof(SingleConstraintCases))]
    public void TestSingleConstraint(FilterCase c) => AssertFilter(c);

    [TestCaseSource(nameof(MultipleConstraintsCases))]
    public void TestMultipleConstraints(FilterCase c) => AssertFilter(c);

    [Test]
    public void TestPreFilterDisabled()
    {
        var plugin = NewPlugin(ListDefaulting, [], null, null, out _);
        var status = plugin.Filter(new CycleState(), new PodInfo(St.MakePod().Obj()), new NodeInfo(N(string.Empty)));
        Assert.Multiple(() =>
        {
            Assert.That(status.Code, Is.EqualTo(StatusCode.Error));
            Assert.That(status.Message, Does.EndWith("not found"));
        });
    }

    private static void AssertFilter(FilterCase c)
    {
        var plugin = NewPlugin(ListDefaulting, c.Nodes, c.ExistingPods, null, out var snapshot);
        var state = new CycleState();
        RunPreFilter(plugin, state, c.Pod, snapshot);
        var pod = new PodInfo(c.Pod);
        Assert.Multiple(() =>
        {
            foreach (var node in c.Nodes)
            {
                var name = node.Metadata.Name;
                var status = plugin.Filter(state, pod, snapshot.Get(name)!);
                var want = c.WantStatusCode[name];
                Assert.That(status.Code, Is.EqualTo(want), name);
                if (want != Success)
                {
                    var reason = want == Unresolvable ? TopologySpreadPlugin.ErrReasonNodeLabelNotMatch : TopologySpreadPlugin.ErrReasonConstraintsNotMatch;
                    Assert.That(status.Reasons, Is.EqualTo(new[] { reason }), name);
                }
            }
        });
    }

    private static Dictionary<string, StatusCode> Codes(params (string Node, StatusCode Code)[] codes) => codes.ToDictionary(c => c.Node, c => c.Code);

    private static IEnumerable<TestCaseData> SingleConstraintCases()
    {
        static TestCaseData Case(string name, FilterCase c) => new TestCaseData(c).SetName(name);
        var fooZone = MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj();
        var fooNode = MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Foo).Obj();
        Pod[] spread2103 = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo")];

        yield return Case("no existing pods", new(fooZone, FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Success))));
        yield return Case("no existing pods, incoming pod doesn't match itself", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Bar).Obj(), FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Success))));
        yield return Case("existing pods in a different namespace do not count", new(fooZone, FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo").InNamespace("ns1"), P("p-b1", "node-a", "foo").InNamespace("ns2"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
        });
        yield return Case("existing pods do not match null selector", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, null).Obj(), FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = [P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
        });
        yield return Case("pods spread across zones as 3/3, all nodes fit", new(fooZone, FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", new(
            fooZone,
            [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zon=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x"), N("node-y", "zone=zone2", "node=node-y")],
            Codes(("node-a", Success), ("node-b", Unresolvable), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
        });
        yield return Case("pod cannot be scheduled as all nodes don't have label 'rack'", new(
            MakePod("p", "foo").SpreadConstraint(1, "rack", Hard, Foo).Obj(),
            [N("node-a", "zone=zone1", "node=node-a"), N("node-x", "zone=zone2", "node=node-x")],
            Codes(("node-a", Unresolvable), ("node-x", Unresolvable))));
        yield return Case("pods spread across nodes as 2/1/0/3, only node-x fits", new(fooNode, FourNodes, Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit", new(
            MakePod("p", "foo").SpreadConstraint(2, "node", Hard, Foo).Obj(), FourNodes, Codes(("node-a", Unschedulable), ("node-b", Success), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("pods spread across nodes as 2/1/0/3, but pod doesn't match itself", new(
            MakePod("p", "bar").SpreadConstraint(1, "node", Hard, Foo).Obj(), FourNodes, Codes(("node-a", Unschedulable), ("node-b", Success), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits", new(
            MakePod("p", "foo").NodeAffinityIn("node", "node-a", "node-y").SpreadConstraint(1, "node", Hard, Foo).Obj(),
            FourNodes,
            Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread2103,
        });
        yield return Case("terminating Pods should be excluded", new(fooNode, [N("node-a", "node=node-a"), N("node-b", "node=node-b")], Codes(("node-a", Success), ("node-b", Unschedulable)))
        {
            ExistingPods = [P("p-a", "node-a", "foo").Terminating(), P("p-b", "node-b", "foo")],
        });
        yield return Case("incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits", new(
            MakePod("p", "foo").NodeAffinityNotIn("node", "node-b").SpreadConstraint(1, "zone", Hard, Foo).Obj(),
            FourNodes,
            Codes(("node-a", Success), ("node-b", Success), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-y1", "node-y", "foo")],
        });

        Node[] abc = [N("node-a", "node=node-a"), N("node-b", "node=node-b"), N("node-c", "node=node-c")];
        Pod[] spread221 = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-c1", "node-c", "foo")];
        yield return Case("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits", new(
            MakePod("p", "foo").SpreadConstraint(2, "node", Hard, Foo, minDomains: 4).Obj(), abc, Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-c", Success)))
        {
            ExistingPods = spread221,
        });
        yield return Case("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit", new(
            MakePod("p", "foo").SpreadConstraint(2, "node", Hard, Foo, minDomains: 2).Obj(), abc, Codes(("node-a", Success), ("node-b", Success), ("node-c", Success)))
        {
            ExistingPods = spread221,
        });
        Pod[] spread21 = [P("p-b1", "node-a", "foo"), P("p-b2", "node-b", "foo"), P("p-y1", "node-y", "foo")];
        yield return Case("pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit", new(
            MakePod("p", "foo").SpreadConstraint(2, "zone", Hard, Foo, minDomains: 3).Obj(), FourNodes, Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread21,
        });
        yield return Case("pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit", new(
            MakePod("p", "foo").SpreadConstraint(2, "zone", Hard, Foo, minDomains: 1).Obj(), FourNodes, Codes(("node-a", Success), ("node-b", Success), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread21,
        });

        var fooSelector = new Dictionary<string, string> { ["foo"] = string.Empty };
        Node[] fooNodes = [N("node-a", "node=node-a", "foo"), N("node-b", "node=node-b", "foo"), N("node-x", "node=node-x", "foo"), N("node-y", "node=node-y")];
        Node[] taintedNodes = [N("node-a", "node=node-a", "foo"), N("node-b", "node=node-b", "foo"), N("node-x", "node=node-x", "foo"), N("node-y", "node=node-y").Tainted()];
        Pod[] spread1101 = [P("p-b1", "node-a", "foo"), P("p-b2", "node-b", "foo"), P("p-y1", "node-y", "foo")];
        yield return Case("NodeAffinityPolicy honored with labelSelectors", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Hard, Foo).Obj(), fooNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread1101,
        });
        yield return Case("NodeAffinityPolicy ignored with labelSelectors", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Hard, Foo, nodeAffinityPolicy: Ignore).Obj(), fooNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread1101,
        });
        yield return Case("NodeAffinityPolicy honored with nodeAffinity", new(
            MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Hard, Foo).Obj(), fooNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread1101,
        });

        // Upstream names two cases alike; this is the second, with node affinity instead of a nodeSelector.
        yield return Case("NodeAffinityPolicy ignored with labelSelectors", new(
            MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Hard, Foo, nodeAffinityPolicy: Ignore).Obj(), fooNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread1101,
        });
        yield return Case("NodeTaintsPolicy honored", new(
            MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Foo, nodeTaintsPolicy: Honor).Obj(), taintedNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = spread1101,
        });
        yield return Case("NodeTaintsPolicy ignored", new(
            MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Foo).Obj(), taintedNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = spread1101,
        });
    }

    private static IEnumerable<TestCaseData> MultipleConstraintsCases()
    {
        static TestCaseData Case(string name, FilterCase c) => new TestCaseData(c).SetName(name);
        var zoneAndNode = MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj();
        var fooZoneBarNode = MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj();

        yield return Case("two Constraints on zone and node, spreads = [3/3, 2/1/0/3]", new(zoneAndNode, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo")],
        });
        yield return Case("two Constraints on zone and node, spreads = [3/4, 2/1/0/4]", new(zoneAndNode, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
        });
        yield return Case("Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]", new(fooZoneBarNode, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-y1", "node-y", "bar")],
        });
        yield return Case("Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]", new(fooZoneBarNode, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-x1", "node-x", "bar"), P("p-y1", "node-y", "bar")],
        });
        yield return Case("Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]", new(fooZoneBarNode, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Success), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo", "bar"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo", "bar"), P("p-y3", "node-y", "foo")],
        });
        yield return Case("Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint", new(
            MakePod("p", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj(), FourNodes,
            Codes(("node-a", Success), ("node-b", Success), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-x1", "node-x", "bar"), P("p-y1", "node-y", "bar")],
        });
        yield return Case("two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]", new(
            zoneAndNode,
            [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2"), N("node-y", "zone=zone2", "node=node-y")],
            Codes(("node-a", Unschedulable), ("node-b", Success), ("node-x", Unresolvable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-y3", "node-y", "foo")],
        });

        var fooSelector = new Dictionary<string, string> { ["foo"] = string.Empty };
        Pod[] pods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo")];
        yield return Case("two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo, nodeAffinityPolicy: Ignore).Obj(),
            [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b", "foo"), N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y")],
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = pods,
        });
        yield return Case("two node inclusion Constraints, zone: honor/honor, node: honor/ignore", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo, nodeTaintsPolicy: Honor).SpreadConstraint(1, "node", Hard, Foo).Obj(),
            [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b", "foo"), N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y").Tainted()],
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = pods,
        });
        yield return Case("two node inclusion Constraints, zone: honor/ignore, node: honor/ignore", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj(),
            [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y", "foo").Tainted()],
            Codes(("node-a", Unschedulable), ("node-b", Success), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = pods,
        });
        yield return Case("two node inclusion Constraints, zone: honor/honor, node: ignore/ignore", new(
            MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "zone", Hard, Foo, nodeTaintsPolicy: Honor).SpreadConstraint(1, "node", Hard, Foo, nodeAffinityPolicy: Ignore).Obj(),
            [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y", "foo").Tainted()],
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Unschedulable)))
        {
            ExistingPods = pods,
        });

        var barFoo = MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Bar).SpreadConstraint(1, "zone", Hard, Foo).Obj();
        yield return Case("two Constraints on zone, spreads = [3/3, 2/1]", new(barFoo, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Success), ("node-y", Success)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "bar"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo", "bar"), P("p-y3", "node-y", "foo")],
        });
        yield return Case("two Constraints on zone, spreads = [3/4, 2/1]", new(barFoo, FourNodes,
            Codes(("node-a", Unschedulable), ("node-b", Unschedulable), ("node-x", Unschedulable), ("node-y", Unschedulable)))
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "bar"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo", "bar"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo", "bar"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
        });
    }
}

/// <summary>A TestSingleConstraint or TestMultipleConstraints case.</summary>
/// <param name="Pod">The pod being scheduled.</param>
/// <param name="Nodes">The nodes.</param>
/// <param name="WantStatusCode">The expected Filter code per node.</param>
public sealed record FilterCase(Pod Pod, Node[] Nodes, Dictionary<string, StatusCode> WantStatusCode)
{
    public Pod[] ExistingPods { get; init; } = [];
}
