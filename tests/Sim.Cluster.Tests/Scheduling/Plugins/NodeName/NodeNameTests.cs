using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using NodeNamePlugin = Sim.Scheduling.Plugins.NodeName.NodeName;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeName;

/// <summary>
/// Upstream's TestNodeName, ported from <c>pkg/scheduler/framework/plugins/nodename/node_name_test.go</c>:
/// every case.
/// </summary>
public class NodeNameTests
{
    private static readonly TestCaseData[] Cases =
    [
        new TestCaseData(Pod(string.Empty), Node(string.Empty), Status.Success).SetName("no host specified"),
        new TestCaseData(Pod("foo"), Node("foo"), Status.Success).SetName("host matches"),
        new TestCaseData(Pod("bar"), Node("foo"), Status.UnschedulableAndUnresolvable(NodeNamePlugin.ErrReason)).SetName("host doesn't match"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestNodeName(Pod pod, Node node, Status expected) =>
        Assert.That(new NodeNamePlugin().Filter(new CycleState(), new PodInfo(pod), new NodeInfo(node)), Is.EqualTo(expected));

    [Test]
    public void The_reason_is_upstreams() =>
        Assert.That(NodeNamePlugin.ErrReason, Is.EqualTo("node(s) didn't match the requested node name"));

    private static Pod Pod(string nodeName) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec { NodeName = nodeName },
    };

    private static Node Node(string name) => new() { Metadata = new ObjectMeta { Name = name } };
}
