using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Tests.Scheduling.Plugins.Helper;
using Sim.Scheduling;
using TaintTolerationPlugin = Sim.Scheduling.Plugins.TaintToleration.TaintToleration;

namespace Sim.Cluster.Tests.Scheduling.Plugins.TaintToleration;

/// <summary>
/// Upstream's table tests of the TaintToleration plugin, ported from
/// <c>pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go</c>.
/// </summary>
/// <remarks>
/// Every case is ported. The Filter reasons are v1.35's generic "node(s) had untolerated taint(s)"
/// (kubernetes PR 134740, back-ported to v1.32–v1.34); older test files expect
/// "node(s) had untolerated taint {key: value}". The queueing-hint cases for objects of the wrong type
/// assert the Queue hint only: Sim's hints return no error. Cases of the alpha Gt/Lt toleration
/// operators (feature gate off by default) are not in this file version and not modelled.
/// </remarks>
public class TaintTolerationTests
{
    private static readonly TestCaseData[] ScoreCases =
    [
        new TestCaseData(
            Pod(Tol("foo", TolerationOperator.Equal, "bar", TaintEffect.PreferNoSchedule)),
            new[] { Node("nodeA", Taint("foo", "bar", TaintEffect.PreferNoSchedule)), Node("nodeB", Taint("foo", "blah", TaintEffect.PreferNoSchedule)) },
            new[] { new NodeScore("nodeA", 100), new NodeScore("nodeB", 0) })
            .SetName("node with taints tolerated by the pod, gets a higher score than those node with intolerable taints"),
        new TestCaseData(
            Pod(Tol("cpu-type", TolerationOperator.Equal, "arm64", TaintEffect.PreferNoSchedule), Tol("disk-type", TolerationOperator.Equal, "ssd", TaintEffect.PreferNoSchedule)),
            new[]
            {
                Node("nodeA"),
                Node("nodeB", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule)),
                Node("nodeC", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule), Taint("disk-type", "ssd", TaintEffect.PreferNoSchedule)),
            },
            new[] { new NodeScore("nodeA", 100), new NodeScore("nodeB", 100), new NodeScore("nodeC", 100) })
            .SetName("the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has"),
        new TestCaseData(
            Pod(Tol("foo", TolerationOperator.Equal, "bar", TaintEffect.PreferNoSchedule)),
            new[]
            {
                Node("nodeA"),
                Node("nodeB", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule)),
                Node("nodeC", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule), Taint("disk-type", "ssd", TaintEffect.PreferNoSchedule)),
            },
            new[] { new NodeScore("nodeA", 100), new NodeScore("nodeB", 50), new NodeScore("nodeC", 0) })
            .SetName("the more intolerable taints a node has, the lower score it gets."),
        new TestCaseData(
            Pod(Tol("cpu-type", TolerationOperator.Equal, "arm64", TaintEffect.NoSchedule), Tol("disk-type", TolerationOperator.Equal, "ssd", TaintEffect.NoSchedule)),
            new[]
            {
                Node("nodeA"),
                Node("nodeB", Taint("cpu-type", "arm64", TaintEffect.NoSchedule)),
                Node("nodeC", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule), Taint("disk-type", "ssd", TaintEffect.PreferNoSchedule)),
            },
            new[] { new NodeScore("nodeA", 100), new NodeScore("nodeB", 100), new NodeScore("nodeC", 0) })
            .SetName("only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function"),
        new TestCaseData(
            Pod(),
            new[] { Node("nodeA"), Node("nodeB", Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule)) },
            new[] { new NodeScore("nodeA", 100), new NodeScore("nodeB", 0) })
            .SetName("Default behaviour No taints and tolerations, lands on node with no taints"),
    ];

    private static readonly TestCaseData[] FilterCases =
    [
        new TestCaseData(Pod(), Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), Untolerated)
            .SetName("A pod having no tolerations can't be scheduled onto a node with nonempty taints"),
        new TestCaseData(Pod(Tol("dedicated", TolerationOperator.Equal, "user1", TaintEffect.NoSchedule)), Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), Status.Success)
            .SetName("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule"),
        new TestCaseData(Pod(Tol("dedicated", TolerationOperator.Equal, "user2", TaintEffect.NoSchedule)), Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), Untolerated)
            .SetName("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule"),
        new TestCaseData(Pod(Tol("foo", TolerationOperator.Exists, string.Empty, TaintEffect.NoSchedule)), Node("nodeA", Taint("foo", "bar", TaintEffect.NoSchedule)), Status.Success)
            .SetName("A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node"),
        new TestCaseData(
            Pod(Tol("dedicated", TolerationOperator.Equal, "user2", TaintEffect.NoSchedule), Tol("foo", TolerationOperator.Exists, string.Empty, TaintEffect.NoSchedule)),
            Node("nodeA", Taint("dedicated", "user2", TaintEffect.NoSchedule), Taint("foo", "bar", TaintEffect.NoSchedule)),
            Status.Success)
            .SetName("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node"),
        new TestCaseData(Pod(Tol("foo", TolerationOperator.Equal, "bar", TaintEffect.PreferNoSchedule)), Node("nodeA", Taint("foo", "bar", TaintEffect.NoSchedule)), Untolerated)
            .SetName("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node"),
        new TestCaseData(Pod(Tol("foo", TolerationOperator.Equal, "bar", null)), Node("nodeA", Taint("foo", "bar", TaintEffect.NoSchedule)), Status.Success)
            .SetName("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node"),
        new TestCaseData(Pod(Tol("dedicated", TolerationOperator.Equal, "user2", TaintEffect.NoSchedule)), Node("nodeA", Taint("dedicated", "user1", TaintEffect.PreferNoSchedule)), Status.Success)
            .SetName("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node"),
        new TestCaseData(Pod(), Node("nodeA", Taint("dedicated", "user1", TaintEffect.PreferNoSchedule)), Status.Success)
            .SetName("The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node"),
    ];

    private static readonly Pod User2Pod = Pod(Tol("dedicated", TolerationOperator.Equal, "user2", TaintEffect.NoSchedule));

    private static readonly TestCaseData[] NodeChangeCases =
    [
        new TestCaseData(Pod(), null, "not-a-node", QueueingHint.Queue).SetName("backoff-wrong-new-object"),
        new TestCaseData(Pod(), "not-a-node", Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), QueueingHint.Queue).SetName("backoff-wrong-old-object"),
        new TestCaseData(User2Pod, null, Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), QueueingHint.QueueSkip).SetName("skip-queue-on-untoleratedtaint-node-added"),
        new TestCaseData(User2Pod, null, Node("nodeA", Taint("dedicated", "user2", TaintEffect.NoSchedule)), QueueingHint.Queue).SetName("queue-on-toleratedtaint-node-added"),
        new TestCaseData(
            User2Pod,
            Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)),
            Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule), Taint("dedicated", "user3", TaintEffect.NoSchedule)),
            QueueingHint.QueueSkip).SetName("skip-unrelated-change"),
        new TestCaseData(User2Pod, Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoSchedule)), Node("nodeA", Taint("dedicated", "user2", TaintEffect.NoSchedule)), QueueingHint.Queue)
            .SetName("queue-on-taint-change"),
    ];

    private static readonly TestCaseData[] PodChangeCases =
    [
        new TestCaseData(Pod(), null, "not-a-pod", QueueingHint.Queue).SetName("backoff-wrong-new-object"),
        new TestCaseData(Pod(), "not-a-pod", Pod(), QueueingHint.Queue).SetName("backoff-wrong-old-object"),
        new TestCaseData(
            PodNamed("pod-1", "ns-1", 1),
            PodNamed("pod-2", "ns-1", 2),
            PodNamed("pod-2", "ns-1", 2, Tol("foo", TolerationOperator.Equal, string.Empty, TaintEffect.NoSchedule)),
            QueueingHint.QueueSkip).SetName("skip-updates-other-pod"),
        new TestCaseData(
            PodNamed("pod-1", "ns-1", 0),
            PodNamed("pod-1", "ns-1", 0),
            PodNamed("pod-1", "ns-1", 0) with { Metadata = PodNamed("pod-1", "ns-1", 0).Metadata with { Labels = PodNamed("pod-1", "ns-1", 0).Metadata.Labels.Add("foo", "bar") } },
            QueueingHint.QueueSkip).SetName("skip-updates-not-toleration"),
        new TestCaseData(
            PodNamed("pod-1", "ns-1", 0),
            PodNamed("pod-1", "ns-1", 0),
            PodNamed("pod-1", "ns-1", 0, Tol("foo", TolerationOperator.Equal, string.Empty, TaintEffect.NoSchedule)),
            QueueingHint.Queue).SetName("queue-on-toleration-added"),
    ];

    private static Status Untolerated => Status.UnschedulableAndUnresolvable("node(s) had untolerated taint(s)");

    [TestCaseSource(nameof(ScoreCases))]
    public void TestTaintTolerationScore(Pod pod, Node[] nodes, NodeScore[] expected)
    {
        var plugin = new TaintTolerationPlugin();
        var state = new CycleState();
        var podInfo = new PodInfo(pod);
        var infos = nodes.Select(n => new NodeInfo(n)).ToArray();

        Assert.That(plugin.PreScore(state, podInfo, infos), Is.EqualTo(Status.Success));
        var scores = infos.Select(n => new NodeScore(n.Name, plugin.Score(state, podInfo, n))).ToArray();
        Assert.That(plugin.NormalizeScore(state, podInfo, scores), Is.EqualTo(Status.Success));
        Assert.That(scores, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(FilterCases))]
    public void TestTaintTolerationFilter(Pod pod, Node node, Status expected)
    {
        var status = new TaintTolerationPlugin().Filter(new CycleState(), new PodInfo(pod), new NodeInfo(node));

        Assert.That(status, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(NodeChangeCases))]
    public void TestIsSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(TaintTolerationPlugin.IsSchedulableAfterNodeChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [TestCaseSource(nameof(PodChangeCases))]
    public void Test_isSchedulableAfterPodChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(TaintTolerationPlugin.IsSchedulableAfterPodTolerationChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [Test]
    public void A_NoExecute_taint_must_be_tolerated_too()
    {
        var node = new NodeInfo(Node("nodeA", Taint("dedicated", "user1", TaintEffect.NoExecute)));
        var plugin = new TaintTolerationPlugin();

        Assert.Multiple(() =>
        {
            Assert.That(plugin.Filter(new CycleState(), new PodInfo(Pod()), node), Is.EqualTo(Untolerated));
            Assert.That(
                plugin.Filter(new CycleState(), new PodInfo(Pod(Tol("dedicated", TolerationOperator.Exists, string.Empty, TaintEffect.NoExecute))), node),
                Is.EqualTo(Status.Success));
        });
    }

    [Test]
    public void Filter_and_Score_allocate_nothing()
    {
        var plugin = new TaintTolerationPlugin();
        var pod = new PodInfo(Pod(Tol("foo", TolerationOperator.Equal, "bar", null), Tol("cpu-type", TolerationOperator.Exists, string.Empty, TaintEffect.NoSchedule)));
        var node = new NodeInfo(Node("nodeA", Taint("foo", "bar", TaintEffect.NoSchedule), Taint("cpu-type", "arm64", TaintEffect.PreferNoSchedule)));
        var state = new CycleState();
        plugin.PreScore(state, pod, [node]);

        Assert.Multiple(() =>
        {
            Assert.That(plugin.Filter(state, pod, node), Is.EqualTo(Status.Success));
            Assert.That(plugin.Score(state, pod, node), Is.EqualTo(1));
            Assert.That(Allocations.Of(() => plugin.Filter(state, pod, node)), Is.Zero, "Filter");
            Assert.That(Allocations.Of(() => plugin.Score(state, pod, node)), Is.Zero, "Score");
        });
    }

    private static Pod Pod(params Toleration[] tolerations) => PodNamed("pod1", "default", 0, tolerations);

    private static Pod PodNamed(string name, string ns, long uid, params Toleration[] tolerations) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = uid },
        Spec = new PodSpec { Tolerations = [.. tolerations] },
    };

    private static Node Node(string name, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new NodeSpec { Taints = [.. taints] },
    };

    private static Taint Taint(string key, string value, TaintEffect effect) => new(key, value, effect);

    private static Toleration Tol(string key, TolerationOperator op, string value, TaintEffect? effect) => new(key, op, value, effect);
}
