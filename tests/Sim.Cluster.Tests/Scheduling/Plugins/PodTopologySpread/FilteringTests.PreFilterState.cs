using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.PodTopologySpread;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

public partial class FilteringTests
{
    private const WhenUnsatisfiable Hard = WhenUnsatisfiable.DoNotSchedule;
    private const WhenUnsatisfiable Soft = WhenUnsatisfiable.ScheduleAnyway;
    private const NodeInclusionPolicy Honor = NodeInclusionPolicy.Honor;
    private const NodeInclusionPolicy Ignore = NodeInclusionPolicy.Ignore;

    [TestCaseSource(nameof(PreFilterStateCases))]
    public void TestPreFilterState(PreFilterStateCase c)
    {
        var args = new PodTopologySpreadArgs { DefaultConstraints = [.. c.DefaultConstraints], DefaultingType = PodTopologySpreadConstraintsDefaulting.List };
        var plugin = NewPlugin(args, c.Nodes, c.ExistingPods, c.Objs, out var snapshot);
        var state = new CycleState();
        var status = plugin.PreFilter(state, new PodInfo(c.Pod), snapshot.NodeInfos, out _);
        if (c.Want is null)
        {
            Assert.That(status.Code, Is.EqualTo(StatusCode.Skip), status.ToString());
            return;
        }

        Assert.That(status.Code, Is.EqualTo(StatusCode.Success), status.ToString());
        AssertState(c.Want, state.Read(TopologySpreadPlugin.PreFilterKey)!);
    }

    private static IEnumerable<TestCaseData> PreFilterStateCases()
    {
        static TestCaseData Case(string name, PreFilterStateCase c) => new TestCaseData(c).SetName(name);

        yield return Case("clean cluster with one spreadConstraint", new(MakePod("p", "foo").SpreadConstraint(5, "zone", Hard, "foo=bar").Obj())
        {
            Nodes = FourNodes,
            Want = new([new(5, "zone", "foo=bar")], [new("zone1", 0, "zone2", 0)], [Counts(("zone1", 0), ("zone2", 0))]),
        });
        yield return Case("normal case with one spreadConstraint", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo")],
            Want = new([new(1, "zone", Foo)], [new("zone2", 2, "zone1", 3)], [Counts(("zone1", 3), ("zone2", 2))]),
        });
        yield return Case("normal case with null label selector", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, null).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo")],
            Want = new([new(1, "zone", null)], [new("zone2", 0, "zone1", 0)], [Counts(("zone1", 0), ("zone2", 0))]),
        });
        yield return Case("normal case with one spreadConstraint, on a 3-zone cluster", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj())
        {
            Nodes = [.. FourNodes, N("node-o", "zone=zone3", "node=node-o"), N("node-p", "zone=zone3", "node=node-p")],
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo")],
            Want = new([new(1, "zone", Foo)], [new("zone3", 0, "zone2", 2)], [Counts(("zone1", 3), ("zone2", 2), ("zone3", 0))]),
        });
        yield return Case("namespace mismatch doesn't count", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo").InNamespace("ns1"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo").InNamespace("ns2"), P("p-y2", "node-y", "foo")],
            Want = new([new(1, "zone", Foo)], [new("zone2", 1, "zone1", 2)], [Counts(("zone1", 2), ("zone2", 1))]),
        });
        yield return Case("normal case with two spreadConstraints", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo)],
                [new("zone1", 3, "zone2", 4), new("node-x", 0, "node-b", 1)],
                [Counts(("zone1", 3), ("zone2", 4)), Counts(("node-a", 2), ("node-b", 1), ("node-x", 0), ("node-y", 4))]),
        });
        yield return Case("soft spreadConstraints should be bypassed", new(MakePod("p", "foo")
            .SpreadConstraint(1, "zone", Soft, Foo).SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Soft, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-y", "zone=zone2", "node=node-y")],
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo)],
                [new("zone1", 3, "zone2", 4), new("node-b", 1, "node-a", 2)],
                [Counts(("zone1", 3), ("zone2", 4)), Counts(("node-a", 2), ("node-b", 1), ("node-y", 4))]),
        });
        yield return Case("different labelSelectors - simple version", new(MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-y", "zone=zone2", "node=node-y")],
            ExistingPods = [P("p-a", "node-a", "foo"), P("p-b", "node-b", "bar")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Bar)],
                [new("zone2", 0, "zone1", 1), new("node-a", 0, "node-y", 0)],
                [Counts(("zone1", 1), ("zone2", 0)), Counts(("node-a", 0), ("node-b", 1), ("node-y", 0))]),
        });
        yield return Case("different labelSelectors - complex pods", new(MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-y", "zone=zone2", "node=node-y")],
            ExistingPods =
            [
                P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo", "bar"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"),
                P("p-y2", "node-y", "foo", "bar"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo", "bar"),
            ],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Bar)],
                [new("zone1", 3, "zone2", 4), new("node-b", 0, "node-a", 1)],
                [Counts(("zone1", 3), ("zone2", 4)), Counts(("node-a", 1), ("node-b", 0), ("node-y", 2))]),
        });
        yield return Case("two spreadConstraints, and with podAffinity", new(MakePod("p", "foo").NodeAffinityNotIn("node", "node-x")
            .SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo)],
                [new("zone1", 3, "zone2", 4), new("node-b", 1, "node-a", 2)],
                [Counts(("zone1", 3), ("zone2", 4)), Counts(("node-a", 2), ("node-b", 1), ("node-y", 4))]),
        });
        yield return Case("default constraints and a service", new(MakePod("p", "foo=bar", "baz=kar").Obj())
        {
            DefaultConstraints = [Default(3, "node", Hard), Default(2, "node", Soft), Default(5, "rack", Hard)],
            Objs = [Service("foo=bar")],
            Want = new([new(3, "node", "foo=bar"), new(5, "rack", "foo=bar")], [Paths.New, Paths.New], [Counts(), Counts()]),
        });
        yield return Case("default constraints and a service that doesn't match", new(MakePod("p", "foo=bar").Obj())
        {
            DefaultConstraints = [Default(3, "node", Hard)],
            Objs = [Service("baz=kep")],
        });
        yield return Case("default constraints and a service, but pod has constraints", new(MakePod("p", "foo=bar", "baz=tar")
            .SpreadConstraint(1, "zone", Hard, "baz=tar").SpreadConstraint(2, "planet", Soft, "fot=rok").Obj())
        {
            DefaultConstraints = [Default(2, "node", Hard)],
            Objs = [Service("foo=bar")],
            Want = new([new(1, "zone", "baz=tar")], [Paths.New], [Counts()]),
        });
        yield return Case("default soft constraints and a service", new(MakePod("p", "foo=bar").Obj())
        {
            DefaultConstraints = [Default(2, "node", Soft)],
            Objs = [Service("foo=bar")],
        });
        yield return Case("TpKeyToDomainsNum is calculated when MinDomains is enabled", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo"), P("p-y2", "node-y", "foo"), P("p-y3", "node-y", "foo"), P("p-y4", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo)],
                [new("zone1", 3, "zone2", 4), new("node-x", 0, "node-b", 1)],
                [Counts(("zone1", 3), ("zone2", 4)), Counts(("node-a", 2), ("node-b", 1), ("node-x", 0), ("node-y", 4))]),
        });

        Node[] fooNodes = [N("node-a", "node=node-a", "foo"), N("node-b", "node=node-b", "foo"), N("node-c", "node=node-c", "bar")];
        Pod[] barPods = [P("p-a", "node-a", "bar"), P("p-b", "node-b", "bar"), P("p-c", "node-b", "bar"), P("p-d", "node-c")];
        var fooSelector = new Dictionary<string, string> { ["foo"] = string.Empty };

        // Upstream runs this case with NodeInclusionPolicy off; with default policies the result is the same.
        yield return Case("feature gate disabled with NodeAffinityPolicy", new(MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = fooNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar)], [new("node-a", 1, "node-b", 2)], [Counts(("node-a", 1), ("node-b", 2))]),
        });
        yield return Case("NodeAffinityPolicy honored with labelSelectors", new(MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = fooNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar)], [new("node-a", 1, "node-b", 2)], [Counts(("node-a", 1), ("node-b", 2))]),
        });
        yield return Case("NodeAffinityPolicy ignored with labelSelectors", new(MakePod("p", "foo").NodeSelector(fooSelector).SpreadConstraint(1, "node", Hard, Bar, nodeAffinityPolicy: Ignore).Obj())
        {
            Nodes = fooNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar, NodeAffinityPolicy: Ignore)], [new("node-c", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 2), ("node-c", 0))]),
        });
        yield return Case("NodeAffinityPolicy honored with nodeAffinity", new(MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = fooNodes,
            ExistingPods = [P("p-a", "node-a", "bar"), P("p-c", "node-b", "bar"), P("p-d", "node-b", "bar"), P("p-e", "node-c")],
            Want = new([new(1, "node", Bar)], [new("node-a", 1, "node-b", 2)], [Counts(("node-a", 1), ("node-b", 2))]),
        });
        yield return Case("NodeAffinityPolicy ignored with nodeAffinity", new(MakePod("p", "foo").NodeAffinityIn("foo", string.Empty).SpreadConstraint(1, "node", Hard, Bar, nodeAffinityPolicy: Ignore).Obj())
        {
            Nodes = fooNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar, NodeAffinityPolicy: Ignore)], [new("node-c", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 2), ("node-c", 0))]),
        });

        Node[] taintedNodes = [N("node-a", "node=node-a"), N("node-b", "node=node-b"), N("node-c", "node=node-c", "bar").Tainted()];

        // Upstream runs this case with NodeInclusionPolicy off; with default policies the result is the same.
        yield return Case("feature gate disabled with NodeTaintsPolicy", new(MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = taintedNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar)], [new("node-c", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 2), ("node-c", 0))]),
        });
        yield return Case("NodeTaintsPolicy ignored", new(MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Bar).Obj())
        {
            Nodes = taintedNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar)], [new("node-c", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 2), ("node-c", 0))]),
        });
        yield return Case("NodeTaintsPolicy honored", new(MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Bar, nodeTaintsPolicy: Honor).Obj())
        {
            Nodes = taintedNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar, NodeTaintsPolicy: Honor)], [new("node-a", 1, "node-b", 2)], [Counts(("node-a", 1), ("node-b", 2))]),
        });
        yield return Case("NodeTaintsPolicy honored with tolerated taints", new(MakePod("p", "foo").Toleration(UnschedulableToleration).SpreadConstraint(1, "node", Hard, Bar, nodeTaintsPolicy: Honor).Obj())
        {
            Nodes = taintedNodes,
            ExistingPods = barPods,
            Want = new([new(1, "node", Bar, NodeTaintsPolicy: Honor)], [new("node-c", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 2), ("node-c", 0))]),
        });
        yield return Case("two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore", new(MakePod("p", "foo").NodeSelector(fooSelector)
            .SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo, nodeAffinityPolicy: Ignore).Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x", "foo")],
            ExistingPods = [P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-x1", "node-x", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo, NodeAffinityPolicy: Ignore)],
                [new("zone1", 0, "zone2", 1), new("node-a", 0, "node-x", 1)],
                [Counts(("zone1", 0), ("zone2", 1)), Counts(("node-a", 0), ("node-b", 2), ("node-x", 1))]),
        });
        yield return Case("two node inclusion Constraints, zone: honor/honor, node: honor/ignore", new(MakePod("p", "foo")
            .SpreadConstraint(1, "zone", Hard, Foo, nodeTaintsPolicy: Honor).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a", "foo"), N("node-b", "zone=zone1", "node=node-b").Tainted(), N("node-x", "zone=zone2", "node=node-x", "foo")],
            ExistingPods = [P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-x1", "node-x", "foo")],
            Want = new(
                [new(1, "zone", Foo, NodeTaintsPolicy: Honor), new(1, "node", Foo)],
                [new("zone1", 0, "zone2", 1), new("node-a", 0, "node-x", 1)],
                [Counts(("zone1", 0), ("zone2", 1)), Counts(("node-a", 0), ("node-b", 2), ("node-x", 1))]),
        });
        yield return Case("two node inclusion Constraints, zone: honor/ignore, node: honor/ignore", new(MakePod("p", "foo").NodeSelector(fooSelector)
            .SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj())
        {
            Nodes =
            [
                N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b", "foo").Tainted(),
                N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y"),
            ],
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo), new(1, "node", Foo)],
                [new("zone1", 0, "zone2", 1), new("node-b", 0, "node-x", 1)],
                [Counts(("zone1", 0), ("zone2", 1)), Counts(("node-b", 0), ("node-x", 1))]),
        });
        yield return Case("two node inclusion Constraints, zone: ignore/ignore, node: honor/honor", new(MakePod("p", "foo").NodeSelector(fooSelector)
            .SpreadConstraint(1, "zone", Hard, Foo, nodeAffinityPolicy: Ignore).SpreadConstraint(1, "node", Hard, Foo, nodeTaintsPolicy: Honor).Obj())
        {
            Nodes =
            [
                N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b", "foo").Tainted(),
                N("node-x", "zone=zone2", "node=node-x", "foo"), N("node-y", "zone=zone2", "node=node-y", "foo"),
            ],
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-x1", "node-x", "foo"), P("p-x2", "node-x", "foo"), P("p-y1", "node-y", "foo")],
            Want = new(
                [new(1, "zone", Foo, NodeAffinityPolicy: Ignore), new(1, "node", Foo, NodeTaintsPolicy: Honor)],
                [new("zone1", 2, "zone2", 3), new("node-y", 1, "node-x", 2)],
                [Counts(("zone1", 2), ("zone2", 3)), Counts(("node-x", 2), ("node-y", 1))]),
        });

        Pod[] aPods = [P("p-a1", "node-a", "foo=a"), P("p-a2", "node-a", "foo=a"), P("p-b1", "node-b", "foo=a"), P("p-y1", "node-y", "foo=a"), P("p-y2", "node-y", "foo=a")];
        yield return Case("matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty", new(MakePod("p", "foo", "bar=a").SpreadConstraint(1, "zone", Hard, Foo, null, Honor, Ignore, "bar").Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo", "bar=a"), P("p-b1", "node-b", "foo"), P("p-y1", "node-y", "foo", "bar=a"), P("p-y2", "node-y", "bar")],
            Want = new([new(1, "zone", "foo,bar=a")], [new("zone2", 1, "zone1", 1)], [Counts(("zone1", 1), ("zone2", 1))]),
        });
        yield return Case("matchLabelKeys ANDed with LabelSelector when LabelSelector is empty", new(MakePod("p", "foo=a").SpreadConstraint(1, "zone", Hard, string.Empty, null, Honor, Ignore, "foo").Obj())
        {
            Nodes = FourNodes,
            ExistingPods = aPods,
            Want = new([new(1, "zone", "foo=a")], [new("zone2", 2, "zone1", 3)], [Counts(("zone1", 3), ("zone2", 2))]),
        });
        yield return Case("key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, null, null, Honor, Ignore, "bar").Obj())
        {
            Nodes = FourNodes,
            ExistingPods = aPods,
            Want = new([new(1, "zone", null)], [new("zone2", 0, "zone1", 0)], [Counts(("zone1", 0), ("zone2", 0))]),
        });

        // Upstream runs this case with MatchLabelKeys off; the pod has no "bar" label, so the result is the same.
        yield return Case("no pod is matched when LabelSelector is nil when feature gate disabled", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, null, null, Honor, Ignore, "bar").Obj())
        {
            Nodes = FourNodes,
            ExistingPods = aPods,
            Want = new([new(1, "zone", null)], [new("zone2", 0, "zone1", 0)], [Counts(("zone1", 0), ("zone2", 0))]),
        });
        yield return Case("key in matchLabelKeys is ignored when it isn't exist in pod.labels", new(MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo, null, Honor, Ignore, "bar").Obj())
        {
            Nodes = FourNodes,
            ExistingPods = aPods,
            Want = new([new(1, "zone", Foo)], [new("zone2", 2, "zone1", 3)], [Counts(("zone1", 3), ("zone2", 2))]),
        });
        yield return Case("two spreadConstraints with the same topologyKey", new(MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "zone", Hard, Bar).Obj())
        {
            Nodes = FourNodes,
            ExistingPods = [P("p-a1", "node-a", "foo", "bar"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "bar"), P("p-y1", "node-y", "foo", "bar"), P("p-y2", "node-y", "bar")],
            Want = new(
                [new(1, "zone", Foo), new(1, "zone", Bar)],
                [new("zone2", 1, "zone1", 2), new("zone1", 1, "zone2", 3)],
                [Counts(("zone1", 2), ("zone2", 1)), Counts(("zone1", 1), ("zone2", 3))]),
        });
        yield return Case("skip if not specified", new(MakePod("p", "foo").Obj())
        {
            Nodes = [N("node-a", "zone=zone1", "node=node-a")],
        });
    }
}
