using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Cluster.Tests.Scheduling.Plugins.Helper;
using Sim.Scheduling;
using NodePortsPlugin = Sim.Scheduling.Plugins.NodePorts.NodePorts;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodePorts;

/// <summary>
/// Upstream's table tests of the NodePorts plugin, ported from
/// <c>pkg/scheduler/framework/plugins/nodeports/node_ports_test.go</c> (TestNodePorts,
/// TestPreFilterDisabled, Test_isSchedulableAfterPodDeleted).
/// </summary>
/// <remarks>
/// Skipped: TestGetContainerPorts of older file versions tests a helper upstream has since replaced by
/// <c>GetHostPorts</c> (covered here through the sidecar cases). The queueing-hint case for an object of
/// the wrong type asserts the Queue hint only: Sim's hints return no error.
/// </remarks>
public class NodePortsTests
{
    private static readonly Pod PodWithHostPort = MakePod(string.Empty, new ContainerPort(0, 8080));

    private static readonly TestCaseData[] Cases =
    [
        new TestCaseData(MakePod(string.Empty), Info(), Status.Skip, Status.Success).SetName("skip filter"),
        Case("other port", NewPod("m1", "UDP/127.0.0.1/8080"), Info(NewPod("m1", "UDP/127.0.0.1/9090")), fits: true),
        Case("same udp port", NewPod("m1", "UDP/127.0.0.1/8080"), Info(NewPod("m1", "UDP/127.0.0.1/8080")), fits: false),
        Case("same tcp port", NewPod("m1", "TCP/127.0.0.1/8080"), Info(NewPod("m1", "TCP/127.0.0.1/8080")), fits: false),
        Case("different host ip", NewPod("m1", "TCP/127.0.0.1/8080"), Info(NewPod("m1", "TCP/127.0.0.2/8080")), fits: true),
        Case("different protocol", NewPod("m1", "UDP/127.0.0.1/8080"), Info(NewPod("m1", "TCP/127.0.0.1/8080")), fits: true),
        Case("second udp port conflict", NewPod("m1", "UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"), Info(NewPod("m1", "UDP/127.0.0.1/8080")), fits: false),
        Case("first tcp port conflict", NewPod("m1", "TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"), Info(NewPod("m1", "TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081")), fits: false),
        Case("first tcp port conflict due to 0.0.0.0 hostIP", NewPod("m1", "TCP/0.0.0.0/8001"), Info(NewPod("m1", "TCP/127.0.0.1/8001")), fits: false),
        Case("TCP hostPort conflict due to 0.0.0.0 hostIP", NewPod("m1", "TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"), Info(NewPod("m1", "TCP/127.0.0.1/8001")), fits: false),
        Case("second tcp port conflict to 0.0.0.0 hostIP", NewPod("m1", "TCP/127.0.0.1/8001"), Info(NewPod("m1", "TCP/0.0.0.0/8001")), fits: false),
        Case("second different protocol", NewPod("m1", "UDP/127.0.0.1/8001"), Info(NewPod("m1", "TCP/0.0.0.0/8001")), fits: true),
        Case("UDP hostPort conflict due to 0.0.0.0 hostIP", NewPod("m1", "UDP/127.0.0.1/8001"), Info(NewPod("m1", "TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001")), fits: false),
        new TestCaseData(WithInitContainerPort(sidecar: false, new ContainerPort(8001, 8001, "TCP")), Info(NewPod("m1", "TCP/0.0.0.0/8001")), Status.Skip, Status.Success)
            .SetName("non-sidecar initContainer using hostPort"),
        Case("TCP hostPort conflict from sidecar initContainer", WithInitContainerPort(sidecar: true, new ContainerPort(8001, 8001, "TCP")), Info(NewPod("m1", "TCP/0.0.0.0/8001")), fits: false),
    ];

    private static readonly TestCaseData[] PodDeletedCases =
    [
        new TestCaseData(PodWithHostPort, "not-a-pod", QueueingHint.Queue).SetName("backoff-wrong-old-object"),
        new TestCaseData(PodWithHostPort, MakePod(string.Empty), QueueingHint.QueueSkip).SetName("skip-queue-on-unscheduled"),
        new TestCaseData(PodWithHostPort, MakePod("fake-node"), QueueingHint.QueueSkip).SetName("skip-queue-on-non-hostport"),
        new TestCaseData(PodWithHostPort, MakePod("fake-node", new ContainerPort(0, 8081)), QueueingHint.QueueSkip).SetName("skip-queue-on-unrelated-hostport"),
        new TestCaseData(PodWithHostPort, MakePod("fake-node", new ContainerPort(0, 8080)), QueueingHint.Queue).SetName("queue-on-released-hostport"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestNodePorts(Pod pod, NodeInfo node, Status wantPreFilterStatus, Status wantFilterStatus)
    {
        var plugin = new NodePortsPlugin();
        var state = new CycleState();
        var podInfo = new PodInfo(pod);

        var preFilterStatus = plugin.PreFilter(state, podInfo, [node], out var result);
        Assert.Multiple(() =>
        {
            Assert.That(preFilterStatus, Is.EqualTo(wantPreFilterStatus), "PreFilter status");
            Assert.That(result, Is.Null, "PreFilter result");
        });
        if (preFilterStatus.IsSkip)
        {
            return;
        }

        Assert.That(plugin.Filter(state, podInfo, node), Is.EqualTo(wantFilterStatus), "Filter status");
    }

    [Test]
    public void TestPreFilterDisabled()
    {
        var status = new NodePortsPlugin().Filter(new CycleState(), new PodInfo(MakePod(string.Empty)), new NodeInfo(new Node { Metadata = new ObjectMeta { Name = string.Empty } }));

        Assert.Multiple(() =>
        {
            Assert.That(status.Code, Is.EqualTo(StatusCode.Error));
            Assert.That(status.Message, Does.EndWith("not found"));
        });
    }

    [TestCaseSource(nameof(PodDeletedCases))]
    public void Test_isSchedulableAfterPodDeleted(Pod pod, object? oldObject, QueueingHint expected) =>
        Assert.That(NodePortsPlugin.IsSchedulableAfterPodDeleted(pod, oldObject, null), Is.EqualTo(expected));

    [Test]
    public void Ports_of_an_ordinary_init_container_on_the_node_are_free()
    {
        // Upstream's GetHostPorts counts only sidecars among init containers, on the node as for the pod.
        var node = Info(WithInitContainerPort(sidecar: false, new ContainerPort(8001, 8001, "TCP")));
        var plugin = new NodePortsPlugin();
        var state = new CycleState();
        var pod = new PodInfo(NewPod(string.Empty, "TCP/0.0.0.0/8001"));

        Assert.Multiple(() =>
        {
            Assert.That(plugin.PreFilter(state, pod, [node], out _), Is.EqualTo(Status.Success));
            Assert.That(node.UsedPorts.Count, Is.Zero);
            Assert.That(plugin.Filter(state, pod, node), Is.EqualTo(Status.Success));
        });
    }

    [Test]
    public void Filter_allocates_nothing()
    {
        var plugin = new NodePortsPlugin();
        var state = new CycleState();
        var pod = new PodInfo(NewPod("m1", "TCP/0.0.0.0/8001", "UDP/127.0.0.1/8080"));
        var node = Info(NewPod("m1", "TCP/127.0.0.1/9000", "UDP/0.0.0.0/9001"));
        plugin.PreFilter(state, pod, [node], out _);

        Assert.Multiple(() =>
        {
            Assert.That(plugin.Filter(state, pod, node), Is.EqualTo(Status.Success));
            Assert.That(Allocations.Of(() => plugin.Filter(state, pod, node)), Is.Zero);
        });
    }

    private static TestCaseData Case(string name, Pod pod, NodeInfo node, bool fits) =>
        new TestCaseData(pod, node, Status.Success, fits ? Status.Success : Status.Unschedulable(NodePortsPlugin.ErrReason)).SetName(name);

    /// <summary>Upstream's <c>newPod(host, "PROTOCOL/IP/PORT"...)</c>: one container with those host ports.</summary>
    private static Pod NewPod(string host, params string[] hostPortInfos) =>
        MakePod(host, [.. hostPortInfos.Select(info => info.Split('/')).Select(parts => new ContainerPort(0, int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[0], parts[1]))]);

    private static Pod MakePod(string host, params ContainerPort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec
        {
            NodeName = host,
            Containers = ports.Length == 0 ? [] : [new Container("c0", ResourceList.Empty) { Ports = [.. ports] }],
        },
    };

    private static Pod WithInitContainerPort(bool sidecar, params ContainerPort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec { InitContainers = [new Container("init0", ResourceList.Empty, RestartAlways: sidecar) { Ports = [.. ports] }] },
    };

    private static NodeInfo Info(params Pod[] pods) => new(new Node { Metadata = new ObjectMeta { Name = "m1" } }, pods);
}
