using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using NodeUnschedulablePlugin = Sim.Scheduling.Plugins.NodeUnschedulable.NodeUnschedulable;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeUnschedulable;

/// <summary>
/// Upstream's table tests of the NodeUnschedulable plugin, ported from
/// <c>pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go</c>
/// (TestNodeUnschedulable, TestIsSchedulableAfterNodeChange, TestIsSchedulableAfterPodTolerationChange):
/// every case. The cases for objects of the wrong type assert the Queue hint only: Sim's hints return no error.
/// </summary>
public class NodeUnschedulableTests
{
    private static readonly TestCaseData[] FilterCases =
    [
        new TestCaseData(Pod(0), Node(unschedulable: true), Status.UnschedulableAndUnresolvable("node(s) were unschedulable"))
            .SetName("Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)"),
        new TestCaseData(Pod(0), Node(unschedulable: false), Status.Success).SetName("Schedule pod to normal node"),
        new TestCaseData(Pod(0, new Toleration(Taint.UnschedulableKey, Effect: TaintEffect.NoSchedule)), Node(unschedulable: true), Status.Success)
            .SetName("Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)"),
    ];

    private static readonly TestCaseData[] NodeChangeCases =
    [
        new TestCaseData(Pod(0), null, "not-a-node", QueueingHint.Queue).SetName("error-wrong-new-object"),
        new TestCaseData(Pod(0), "not-a-node", Node(unschedulable: true), QueueingHint.Queue).SetName("error-wrong-old-object"),
        new TestCaseData(Pod(0), null, Node(unschedulable: true), QueueingHint.QueueSkip).SetName("skip-queue-on-unschedulable-node-added"),
        new TestCaseData(Pod(0), null, Node(unschedulable: false), QueueingHint.Queue).SetName("queue-on-schedulable-node-added"),
        new TestCaseData(Pod(0), Node(unschedulable: true), Node(unschedulable: true, NotReady), QueueingHint.QueueSkip).SetName("skip-unrelated-change-unschedulable-true"),
        new TestCaseData(Pod(0), Node(unschedulable: false), Node(unschedulable: false, NotReady), QueueingHint.QueueSkip).SetName("skip-unrelated-change-unschedulable-false"),
        new TestCaseData(Pod(0), Node(unschedulable: true), Node(unschedulable: false), QueueingHint.Queue).SetName("queue-on-unschedulable-field-change"),
    ];

    private static readonly TestCaseData[] PodTolerationChangeCases =
    [
        new TestCaseData(Pod(0), null, "not-a-pod", QueueingHint.Queue).SetName("error-wrong-new-object"),
        new TestCaseData(Pod(0), "not-a-pod", Pod(0), QueueingHint.Queue).SetName("error-wrong-old-object"),
        new TestCaseData(Pod(1), Pod(2), Pod(2, Exists(Taint.UnschedulableKey)), QueueingHint.QueueSkip).SetName("skip-different-pod-update"),
        new TestCaseData(Pod(1), Pod(1), Pod(1, Exists(Taint.UnschedulableKey)), QueueingHint.Queue).SetName("queue-when-the-unsched-pod-gets-toleration"),
        new TestCaseData(Pod(1), Pod(1), Pod(1, Exists("unrelated-key")), QueueingHint.QueueSkip).SetName("skip-when-the-unsched-pod-gets-unrelated-toleration"),
    ];

    private static Taint NotReady => new(Taint.NotReadyKey, string.Empty, TaintEffect.NoExecute);

    [TestCaseSource(nameof(FilterCases))]
    public void TestNodeUnschedulable(Pod pod, Node node, Status expected) =>
        Assert.That(new NodeUnschedulablePlugin().Filter(new CycleState(), new PodInfo(pod), new NodeInfo(node)), Is.EqualTo(expected));

    [TestCaseSource(nameof(NodeChangeCases))]
    public void TestIsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(NodeUnschedulablePlugin.IsSchedulableAfterNodeChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [TestCaseSource(nameof(PodTolerationChangeCases))]
    public void TestIsSchedulableAfterPodTolerationChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(NodeUnschedulablePlugin.IsSchedulableAfterPodTolerationChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [Test]
    public void Registers_upstreams_events_with_hints()
    {
        var events = new NodeUnschedulablePlugin().EventsToRegister();

        Assert.That(events.Select(e => (e.Event, e.Hint is not null)), Is.EqualTo(new[]
        {
            (new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeTaint), true),
            (new ClusterEvent(EventResource.UnscheduledPod, ActionType.UpdatePodTolerations), true),
        }));
    }

    /// <summary>Upstream's <c>st.MakePod().Toleration(key)</c>: operator Exists, any effect.</summary>
    private static Toleration Exists(string key) => new(key, TolerationOperator.Exists);

    private static Pod Pod(long uid, params Toleration[] tolerations) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default", Uid = uid },
        Spec = new PodSpec { Tolerations = [.. tolerations] },
    };

    private static Node Node(bool unschedulable, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = string.Empty },
        Spec = new NodeSpec { Unschedulable = unschedulable, Taints = [.. taints] },
    };
}
