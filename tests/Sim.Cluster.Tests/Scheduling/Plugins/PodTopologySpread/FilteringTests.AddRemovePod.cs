using Sim.Cluster.Objects;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

public partial class FilteringTests
{
    private static readonly Constraint NodeConstraint = new(1, "node", Foo);
    private static readonly Constraint ZoneConstraint = new(1, "zone", Foo);

    [TestCaseSource(nameof(PreFilterStateAddPodCases))]
    public void TestPreFilterStateAddPod(AddPodCase c)
    {
        var plugin = NewPlugin(ListDefaulting, c.Nodes, c.ExistingPods, null, out var snapshot);
        var state = new CycleState();
        RunPreFilter(plugin, state, c.Preemptor, snapshot);
        var status = plugin.AddPod(state, new PodInfo(c.Preemptor), new PodInfo(c.AddedPod), snapshot.Get(c.Nodes[c.NodeIdx].Metadata.Name)!);
        Assert.That(status.IsSuccess, status.ToString());
        AssertState(c.Want, state.Read(Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread.PreFilterKey)!);
    }

    [TestCaseSource(nameof(PreFilterStateRemovePodCases))]
    public void TestPreFilterStateRemovePod(RemovePodCase c)
    {
        var plugin = NewPlugin(ListDefaulting, c.Nodes, c.ExistingPods, null, out var snapshot);
        var state = new CycleState();
        RunPreFilter(plugin, state, c.Preemptor, snapshot);
        var deleted = c.DeletedPodIdx >= 0 && c.DeletedPodIdx < c.ExistingPods.Length ? c.ExistingPods[c.DeletedPodIdx] : c.DeletedPod!;
        var status = plugin.RemovePod(state, new PodInfo(c.Preemptor), new PodInfo(deleted), snapshot.Get(c.Nodes[c.NodeIdx].Metadata.Name)!);
        Assert.That(status.IsSuccess, status.ToString());
        AssertState(c.Want, state.Read(Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread.PreFilterKey)!);
    }

    private static IEnumerable<TestCaseData> PreFilterStateAddPodCases()
    {
        static TestCaseData Case(string name, AddPodCase c) => new TestCaseData(c).SetName(name);
        var nodeOnly = MakePod("p", "foo").SpreadConstraint(1, "node", Hard, Foo).Obj();
        var zoneAndNode = MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj();
        var fooBar = MakePod("p", "foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj();
        Node[] ab = [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b")];
        Node[] ax = [N("node-a", "zone=zone1", "node=node-a"), N("node-x", "zone=zone2", "node=node-x")];
        Node[] abx = [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x")];
        Node[] affinityNodes = [N("node-a", "zone=zone1", "node=node-a", "foo=bar"), N("node-b", "zone=zone2", "node=node-b", "foo")];
        Node[] taintNodes = [N("node-a", "zone=zone1", "node=node-a").Tainted(), N("node-b", "zone=zone2", "node=node-b")];

        yield return Case("node a and b both impact current min match", new(nodeOnly, P("p-a1", "node-a", "foo"), 0, ab)
        {
            Want = new([NodeConstraint], [new("node-b", 0, "node-a", 1)], [Counts(("node-a", 1), ("node-b", 0))]),
        });
        yield return Case("only node a impacts current min match", new(nodeOnly, P("p-a1", "node-a", "foo"), 0, ab)
        {
            ExistingPods = [P("p-b1", "node-b", "foo")],
            Want = new([NodeConstraint], [new("node-a", 1, "node-b", 1)], [Counts(("node-a", 1), ("node-b", 1))]),
        });
        yield return Case("add a pod in a different namespace doesn't change topologyKeyToMinPodsMap", new(nodeOnly, P("p-a1", "node-a", "foo").InNamespace("ns1"), 0, ab)
        {
            ExistingPods = [P("p-b1", "node-b", "foo")],
            Want = new([NodeConstraint], [new("node-a", 0, "node-b", 1)], [Counts(("node-a", 0), ("node-b", 1))]),
        });
        yield return Case("add pod on non-critical node won't trigger re-calculation", new(nodeOnly, P("p-b2", "node-b", "foo"), 1, ab)
        {
            ExistingPods = [P("p-b1", "node-b", "foo")],
            Want = new([NodeConstraint], [new("node-a", 0, "node-b", 2)], [Counts(("node-a", 0), ("node-b", 2))]),
        });
        yield return Case("node a and x both impact topologyKeyToMinPodsMap on zone and node", new(zoneAndNode, P("p-a1", "node-a", "foo"), 0, ax)
        {
            Want = new(
                [ZoneConstraint, NodeConstraint],
                [new("zone2", 0, "zone1", 1), new("node-x", 0, "node-a", 1)],
                [Counts(("zone1", 1), ("zone2", 0)), Counts(("node-a", 1), ("node-x", 0))]),
        });
        yield return Case("only node a impacts topologyKeyToMinPodsMap on zone and node", new(zoneAndNode, P("p-a1", "node-a", "foo"), 0, ax)
        {
            ExistingPods = [P("p-x1", "node-x", "foo")],
            Want = new(
                [ZoneConstraint, NodeConstraint],
                [new("zone1", 1, "zone2", 1), new("node-a", 1, "node-x", 1)],
                [Counts(("zone1", 1), ("zone2", 1)), Counts(("node-a", 1), ("node-x", 1))]),
        });
        yield return Case("node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone", new(zoneAndNode, P("p-a1", "node-a", "foo"), 0, abx)
        {
            ExistingPods = [P("p-b1", "node-b", "foo"), P("p-b2", "node-b", "foo"), P("p-x1", "node-x", "foo")],
            Want = new(
                [ZoneConstraint, NodeConstraint],
                [new("zone2", 1, "zone1", 3), new("node-a", 1, "node-x", 1)],
                [Counts(("zone1", 3), ("zone2", 1)), Counts(("node-a", 1), ("node-b", 2), ("node-x", 1))]),
        });
        yield return Case("Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone", new(fooBar, P("p-a1", "node-a", "foo"), 0, abx)
        {
            ExistingPods = [P("p-b1", "node-b", "foo", "bar"), P("p-x1", "node-x", "foo", "bar"), P("p-x2", "node-x", "bar")],
            Want = new(
                [ZoneConstraint, new(1, "node", Bar)],
                [new("zone2", 1, "zone1", 2), new("node-a", 0, "node-b", 1)],
                [Counts(("zone1", 2), ("zone2", 1)), Counts(("node-a", 0), ("node-b", 1), ("node-x", 2))]),
        });
        yield return Case("Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node", new(fooBar, P("p-a1", "node-a", "foo", "bar"), 0, abx)
        {
            ExistingPods = [P("p-b1", "node-b", "bar"), P("p-x1", "node-x", "foo", "bar"), P("p-x2", "node-x", "bar")],
            Want = new(
                [ZoneConstraint, new(1, "node", Bar)],
                [new("zone1", 1, "zone2", 1), new("node-a", 1, "node-b", 1)],
                [Counts(("zone1", 1), ("zone2", 1)), Counts(("node-a", 1), ("node-b", 1), ("node-x", 2))]),
        });

        var unmatched = MakePod("p", "foo").NodeAffinityNotIn("foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).Obj();
        var zoneOnly = MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj();

        // Upstream runs the "disabled" cases with NodeInclusionPolicy off; with default policies the results are the same.
        yield return Case("add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled", new(unmatched, P("p-a1", "node-a", "foo", "zone=zone1"), 0, affinityNodes)
        {
            ExistingPods = [P("p-a2", "node-a", "foo", "zone=zone1"), P("p-b1", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone2", 1, string.Empty, int.MaxValue)], [Counts(("zone2", 1))]),
        });
        yield return Case("add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled", new(unmatched, P("p-a1", "node-a", "foo", "zone=zone1"), 0, affinityNodes)
        {
            ExistingPods = [P("p-a2", "node-a", "foo", "zone=zone1"), P("p-b1", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone2", 1, string.Empty, int.MaxValue)], [Counts(("zone2", 1))]),
        });
        yield return Case("add a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled", new(zoneOnly, P("p-b1", "node-b", "foo", "zone=zone2"), 1, affinityNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 2)], [Counts(("zone1", 1), ("zone2", 2))]),
        });
        yield return Case("add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled", new(zoneOnly, P("p-b1", "node-b", "foo", "zone=zone2"), 1, affinityNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 2)], [Counts(("zone1", 1), ("zone2", 2))]),
        });
        yield return Case("add a label selector not matched pod when with NodeInclusionPolicy enabled", new(zoneOnly, P("p-b1", "node-b", "zone=zone2"), 1, affinityNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 1)], [Counts(("zone1", 1), ("zone2", 1))]),
        });
        yield return Case("add a pod when scheduling taint untolerated pod with NodeInclusionPolicy disabled", new(zoneOnly, P("p-b1", "node-b", "foo", "zone=zone2"), 1, taintNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 2)], [Counts(("zone2", 2), ("zone1", 1))]),
        });
        yield return Case("add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled", new(
            MakePod("p", "foo").Toleration(UnschedulableToleration).SpreadConstraint(1, "zone", Hard, Foo).Obj(), P("p-b1", "node-b", "foo", "zone=zone2"), 1, taintNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 2)], [Counts(("zone2", 2), ("zone1", 1))]),
        });
    }

    private static IEnumerable<TestCaseData> PreFilterStateRemovePodCases()
    {
        static TestCaseData Case(string name, RemovePodCase c) => new TestCaseData(c).SetName(name);
        var zoneOnly = MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).Obj();
        Node[] affinityNodes = [N("node-a", "zone=zone1", "node=node-a", "foo=bar"), N("node-b", "zone=zone2", "node=node-b", "foo")];

        yield return Case("one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged", new(zoneOnly, [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x")])
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo")],
            DeletedPodIdx = 0,
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 1)], [Counts(("zone1", 1), ("zone2", 1))]),
        });
        yield return Case("one spreadConstraint on node, topologyKeyToMinPodsMap changed", new(zoneOnly, FourNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
            DeletedPodIdx = 0,
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone1", 1, "zone2", 2)], [Counts(("zone1", 1), ("zone2", 2))]),
        });
        yield return Case("delete an irrelevant pod won't help", new(zoneOnly, FourNodes)
        {
            ExistingPods = [P("p-a0", "node-a", "bar"), P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
            DeletedPodIdx = 0,
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone1", 2, "zone2", 2)], [Counts(("zone1", 2), ("zone2", 2))]),
        });
        yield return Case("delete a non-existing pod won't help", new(zoneOnly, FourNodes)
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-y1", "node-y", "foo")],
            DeletedPodIdx = -1,
            DeletedPod = P("p-a0", "node-a", "bar"),
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone1", 2, "zone2", 2)], [Counts(("zone1", 2), ("zone2", 2))]),
        });
        yield return Case("two spreadConstraints", new(
            MakePod("p", "foo").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj(),
            [N("node-a", "zone=zone1", "node=node-a"), N("node-b", "zone=zone1", "node=node-b"), N("node-x", "zone=zone2", "node=node-x")])
        {
            ExistingPods = [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo"), P("p-b1", "node-b", "foo"), P("p-x1", "node-x", "foo"), P("p-x2", "node-x", "foo")],
            DeletedPodIdx = 3,
            NodeIdx = 2,
            Want = new(
                [ZoneConstraint, NodeConstraint],
                [new("zone2", 1, "zone1", 3), new("node-b", 1, "node-x", 1)],
                [Counts(("zone1", 3), ("zone2", 1)), Counts(("node-a", 2), ("node-b", 1), ("node-x", 1))]),
        });

        // As upstream, deletedPodIdx is left at 0 in the following cases, so existingPods[0] is the pod removed.
        // Upstream runs the "disabled" cases with NodeInclusionPolicy off; with default policies the results are the same.
        var unmatched = MakePod("p", "foo").NodeAffinityNotIn("foo", "bar").SpreadConstraint(1, "zone", Hard, Foo).Obj();
        yield return Case("remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled", new(unmatched, affinityNodes)
        {
            DeletedPod = P("p-a1", "node-a", "foo", "zone=zone1"),
            ExistingPods = [P("p-a2", "node-a", "foo", "zone=zone1"), P("p-b1", "node-b", "foo", "zone=zone2")],
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone2", 1, string.Empty, int.MaxValue)], [Counts(("zone2", 1))]),
        });
        yield return Case("remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled", new(unmatched, affinityNodes)
        {
            DeletedPod = P("p-a1", "node-a", "foo", "zone=zone1"),
            ExistingPods = [P("p-a2", "node-a", "foo", "zone=zone1"), P("p-b1", "node-b", "foo", "zone=zone2")],
            NodeIdx = 0,
            Want = new([ZoneConstraint], [new("zone2", 1, string.Empty, int.MaxValue)], [Counts(("zone2", 1))]),
        });
        yield return Case("remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled", new(zoneOnly, affinityNodes)
        {
            DeletedPod = P("p-b1", "node-b", "foo", "zone=zone2"),
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            NodeIdx = 1,
            Want = new([ZoneConstraint], [new("zone2", 0, "zone1", 1)], [Counts(("zone2", 0), ("zone1", 1))]),
        });
        yield return Case("remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled", new(zoneOnly, affinityNodes)
        {
            DeletedPod = P("p-b1", "node-b", "foo", "zone=zone2"),
            ExistingPods = [P("p-a1", "node-a", "foo", "zone=zone1"), P("p-b2", "node-b", "foo", "zone=zone2")],
            NodeIdx = 1,
            Want = new([ZoneConstraint], [new("zone2", 0, "zone1", 1)], [Counts(("zone2", 0), ("zone1", 1))]),
        });
    }
}

/// <summary>A TestPreFilterStateAddPod case.</summary>
/// <param name="Preemptor">The pod being scheduled.</param>
/// <param name="AddedPod">The pod added.</param>
/// <param name="NodeIdx">The index in <paramref name="Nodes"/> of the node it is added to.</param>
/// <param name="Nodes">The nodes.</param>
public sealed record AddPodCase(Pod Preemptor, Pod AddedPod, int NodeIdx, Node[] Nodes)
{
    public Pod[] ExistingPods { get; init; } = [];

    public required WantPreFilterState Want { get; init; }
}

/// <summary>A TestPreFilterStateRemovePod case.</summary>
/// <param name="Preemptor">The pod being scheduled.</param>
/// <param name="Nodes">The nodes.</param>
public sealed record RemovePodCase(Pod Preemptor, Node[] Nodes)
{
    public Pod[] ExistingPods { get; init; } = [];

    /// <summary>The index of the removed pod in <see cref="ExistingPods"/>; out of range means <see cref="DeletedPod"/>.</summary>
    public int DeletedPodIdx { get; init; }

    public Pod? DeletedPod { get; init; }

    public int NodeIdx { get; init; }

    public required WantPreFilterState Want { get; init; }
}
