using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>pkg/scheduler/framework/plugins/podtopologyspread/plugin_test.go</c> (queueing hints), case by case,
/// plus the events the plugin registers.
/// </summary>
/// <remarks>
/// No case is skipped. Upstream's UIDs "p" and "p2" are Sim's uids 1 and 2. Nodes are built with <see cref="Spread.N"/>.
/// </remarks>
public class PluginTests
{
    private const WhenUnsatisfiable Hard = WhenUnsatisfiable.DoNotSchedule;

    [TestCaseSource(nameof(NodeChangeCases))]
    public void Test_isSchedulableAfterNodeChange(Pod pod, Node? oldNode, Node? newNode, QueueingHint expectedHint)
    {
        var plugin = NewPlugin(ListDefaulting, [], null, null, out _);
        Assert.That(plugin.IsSchedulableAfterNodeChange(pod, oldNode, newNode), Is.EqualTo(expectedHint));
    }

    [TestCaseSource(nameof(PodChangeCases))]
    public void Test_isSchedulableAfterPodChange(Pod pod, Pod? oldPod, Pod? newPod, QueueingHint expectedHint)
    {
        var plugin = NewPlugin(ListDefaulting, [], null, null, out _);
        Assert.That(plugin.IsSchedulableAfterPodChange(pod, oldPod, newPod), Is.EqualTo(expectedHint));
    }

    [Test]
    public void Registers_upstreams_pod_and_node_events()
    {
        var plugin = NewPlugin(ListDefaulting, [], null, null, out _);
        var events = plugin.EventsToRegister().Select(e => e.Event).ToArray();
        Assert.That(events, Is.EqualTo(new[]
        {
            new ClusterEvent(EventResource.AssignedPod, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete),
            new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations),
            new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint),
        }));
    }

    private static PodWrapper Pod(string name = "") => St.MakePod().Name(name).Uid(name == "p" ? 1 : 2);

    private static IEnumerable<TestCaseData> NodeChangeCases()
    {
        static TestCaseData Case(string name, Pod pod, Node? oldNode, Node? newNode, QueueingHint hint) => new TestCaseData(pod, oldNode, newNode, hint).SetName(name);
        var zone = Pod("p").SpreadConstraint(1, "zone", Hard, Foo).Obj();
        var zoneAndNode = Pod("p").SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj();

        yield return Case("node updates label which matches topologyKey", zone, N("node-a", "zone=zone1"), N("node-a", "zone=zone2"), QueueingHint.Queue);
        yield return Case("node that doesn't match topologySpreadConstraints updates non-related label", zone, N("node-a", "foo=bar1"), N("node-a", "foo=bar2"), QueueingHint.QueueSkip);
        yield return Case("node that match topologySpreadConstraints adds non-related label", zoneAndNode,
            N("node-a", "zone=zone1", "node=node1", "foo=bar"), N("node-a", "zone=zone1", "node=node1"), QueueingHint.QueueSkip);
        yield return Case("create node with non-related labels", zone, null, N("node-a", "foo=bar"), QueueingHint.QueueSkip);
        yield return Case("create node with related labels", zone, null, N("node-a", "zone=zone1"), QueueingHint.Queue);
        yield return Case("delete node with non-related labels", zone, N("node-a", "foo=bar"), null, QueueingHint.QueueSkip);
        yield return Case("delete node with related labels", zone, N("node-a", "zone=zone1"), null, QueueingHint.Queue);
        yield return Case("add node with related labels that only match one of topologySpreadConstraints", zoneAndNode, null, N("node-a", "zone=zone1"), QueueingHint.QueueSkip);
        yield return Case("add node with related labels that match all topologySpreadConstraints", zoneAndNode, null, N("node-a", "zone=zone1", "node=node1"), QueueingHint.Queue);
        yield return Case("update node with related labels that only match one of topologySpreadConstraints", zoneAndNode, N("node-a", "zone=zone1"), N("node-a", "zone=zone1"), QueueingHint.QueueSkip);
        yield return Case("update node with related labels that match all topologySpreadConstraints", zoneAndNode,
            N("node-a", "zone=zone1", "node=node1"), N("node-a", "zone=zone1", "node=node2"), QueueingHint.Queue);
        yield return Case("update node with different taints that match all topologySpreadConstraints", zoneAndNode,
            N("node-a", "zone=zone1", "node=node1").WithTaint("aaa"), N("node-a", "zone=zone1", "node=node1").WithTaint("ccc"), QueueingHint.Queue);
        yield return Case("update node with different taints that only match one of topologySpreadConstraints", zoneAndNode,
            N("node-a", "node=node1").WithTaint("aaa"), N("node-a", "node=node1").WithTaint("ccc"), QueueingHint.QueueSkip);
    }

    private static IEnumerable<TestCaseData> PodChangeCases()
    {
        static TestCaseData Case(string name, Pod pod, Pod? oldPod, Pod? newPod, QueueingHint hint) => new TestCaseData(pod, oldPod, newPod, hint).SetName(name);
        var zone = Pod("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, Foo).Obj();
        var zoneFooNodeBar = Pod("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Bar).Obj();

        yield return Case("add pod with labels match topologySpreadConstraints selector", zone, null, Pod().Node("fake-node").Label("foo", string.Empty).Obj(), QueueingHint.Queue);
        yield return Case("add un-scheduled pod", zone, null, Pod().Label("foo", string.Empty).Obj(), QueueingHint.QueueSkip);
        yield return Case("update un-scheduled pod", zone, Pod().Label("bar", string.Empty).Obj(), Pod().Label("foo", string.Empty).Obj(), QueueingHint.QueueSkip);
        yield return Case("delete un-scheduled pod", zone, Pod().Label("foo", string.Empty).Obj(), null, QueueingHint.QueueSkip);
        yield return Case("add pod with different namespace", zone, null, Pod().Node("fake-node").Namespace("fake-namespace").Label("foo", string.Empty).Obj(), QueueingHint.QueueSkip);
        yield return Case("add pod with labels don't match topologySpreadConstraints selector", zone, null, Pod().Node("fake-node").Label("bar", string.Empty).Obj(), QueueingHint.QueueSkip);
        yield return Case("delete pod with labels that match topologySpreadConstraints selector", zone, Pod().Node("fake-node").Label("foo", string.Empty).Obj(), null, QueueingHint.Queue);
        yield return Case("delete pod with labels that don't match topologySpreadConstraints selector", zone, Pod().Node("fake-node").Label("bar", string.Empty).Obj(), null, QueueingHint.QueueSkip);
        yield return Case("update pod's non-related label", zone,
            Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar1").Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar2").Obj(), QueueingHint.QueueSkip);
        yield return Case("add pod's label that matches topologySpreadConstraints selector", zone, Pod().Node("fake-node").Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Obj(), QueueingHint.Queue);
        yield return Case("delete pod label that matches topologySpreadConstraints selector", zone, Pod().Node("fake-node").Label("foo", string.Empty).Obj(), Pod().Node("fake-node").Obj(), QueueingHint.Queue);
        yield return Case("change pod's label that matches topologySpreadConstraints selector", zone,
            Pod().Node("fake-node").Label("foo", "foo1").Obj(), Pod().Node("fake-node").Label("foo", "foo2").Obj(), QueueingHint.QueueSkip);
        yield return Case("change pod's label that doesn't match topologySpreadConstraints selector", zone,
            Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar1").Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar2").Obj(), QueueingHint.QueueSkip);
        yield return Case("add pod's label that matches topologySpreadConstraints selector with multi topologySpreadConstraints", zoneFooNodeBar,
            Pod().Node("fake-node").Label("foo", string.Empty).Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar2").Obj(), QueueingHint.Queue);
        yield return Case("change pod's label that doesn't match topologySpreadConstraints selector with multi topologySpreadConstraints", zoneFooNodeBar,
            Pod().Node("fake-node").Label("foo", string.Empty).Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Label("baz", string.Empty).Obj(), QueueingHint.QueueSkip);
        yield return Case("change pod's label that match topologySpreadConstraints selector with multi topologySpreadConstraints", zoneFooNodeBar,
            Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", string.Empty).Obj(), Pod().Node("fake-node").Label("foo", string.Empty).Label("bar", "bar2").Obj(), QueueingHint.QueueSkip);

        var honouring = Pod("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, Foo, nodeTaintsPolicy: NodeInclusionPolicy.Honor).SpreadConstraint(1, "node", Hard, Bar).Obj();
        var ignoring = Pod("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, Foo, nodeTaintsPolicy: NodeInclusionPolicy.Ignore).SpreadConstraint(1, "node", Hard, Bar).Obj();
        yield return Case("the unschedulable Pod has topologySpreadConstraint with NodeTaintsPolicy:Honor and has got a new toleration", honouring,
            Pod("p").Label("foo", string.Empty).Obj(), Pod("p").Label("foo", string.Empty).Toleration(UnschedulableToleration).Obj(), QueueingHint.Queue);
        yield return Case("the unschedulable Pod has topologySpreadConstraint without NodeTaintsPolicy:Honor and has got a new toleration", ignoring,
            Pod("p").Label("foo", string.Empty).Obj(), Pod("p").Label("foo", string.Empty).Toleration(UnschedulableToleration).Obj(), QueueingHint.QueueSkip);
        yield return Case("the unschedulable Pod has topologySpreadConstraint and has got a new label matching the selector of the constraint", ignoring,
            Pod("p").Obj(), Pod("p").Label("foo", string.Empty).Obj(), QueueingHint.Queue);
        yield return Case("the unschedulable Pod has topologySpreadConstraint and has got a new unrelated label", ignoring,
            Pod("p").Obj(), Pod("p").Label("unrelated", string.Empty).Obj(), QueueingHint.QueueSkip);
    }
}
