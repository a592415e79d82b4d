using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Queueing-hint cases ported from upstream's <c>pkg/scheduler/framework/plugins/noderesources/fit_test.go</c>
/// (v1.34+): Test_isSchedulableAfterPodChange, Test_isSchedulableAfterNodeChange, TestIsFit,
/// TestHaveAnyRequestedResourcesIncreased.
/// </summary>
/// <remarks>
/// Skipped (Sim runs with InPlacePodVerticalScaling and queueing hints on, and models no pod-level resources or DRA):
/// <list type="bullet">
/// <item>TestEventsToRegister: all five cases pin feature-gate combinations other than Sim's (both features on);
/// <see cref="Registers_pod_deletes_and_scale_downs_and_node_adds_and_allocatable_changes"/> checks Sim's registration instead.</item>
/// <item>Test_isSchedulableAfterPodChange: "skip-queue-on-disable-inplace-pod-vertical-scaling" (feature off),
/// "skip-queue-on-other-pod-unrelated-pod-level-resource-scaled-down", "queue-on-other-pod-some-pod-level-resource-scale-down",
/// "queue-on-target-pod-some-pod-level-resource-scale-down" (pod-level resources).</item>
/// <item>Test_isSchedulableAfterDeviceClassChange, TestFitSignPod: DRA device classes and pod signatures are not modelled.</item>
/// <item>TestIsFit: the four pod-level resource cases.</item>
/// <item>TestHaveAnyRequestedResourcesIncreased: "requested-resources-dra-in-node", "requested-resources-dra-not-in-node",
/// "requested-resources-dra-zero-capacity" (DRA extended resources).</item>
/// </list>
/// Upstream's hints return an error with Queue for objects of the wrong type; Sim's hints have no error, they answer Queue.
/// UIDs are numbers in Sim: "pod1" is 1, "pod2" is 2, "uid0" is 10 and "uid1" is 11.
/// </remarks>
public class FitQueueingHintTests
{
    private static readonly object[] PodChangeCases =
    [
        Hint("backoff-wrong-old-object", St.MakePod().Obj(), "not-a-pod", null, QueueingHint.Queue),
        Hint("backoff-wrong-new-object", St.MakePod().Obj(), null, "not-a-pod", QueueingHint.Queue),
        Hint("queue-on-other-pod-deleted", St.MakePod().Name("pod1").Req(("cpu", "1")).Obj(),
            St.MakePod().Name("pod2").Req(("cpu", "1")).Node("fake").Obj(), null, QueueingHint.Queue),
        Hint("skip-queue-on-unscheduled-pod-deleted", St.MakePod().Obj(), St.MakePod().Obj(), null, QueueingHint.QueueSkip),
        Hint("skip-queue-on-other-unscheduled-pod", St.MakePod().Name("pod1").Uid(1).Req(("cpu", "1")).Uid(10).Obj(),
            St.MakePod().Name("pod2").Uid(2).Req(("cpu", "2")).Uid(11).Obj(), St.MakePod().Name("pod2").Uid(2).Req(("cpu", "1")).Uid(11).Obj(), QueueingHint.QueueSkip),
        Hint("skip-queue-on-other-pod-unrelated-resource-scaled-down", St.MakePod().Name("pod1").Uid(1).Req(("cpu", "1")).Obj(),
            St.MakePod().Name("pod2").Uid(2).Req(("memory", "2")).Node("fake").Obj(), St.MakePod().Name("pod2").Uid(2).Req(("memory", "1")).Node("fake").Obj(), QueueingHint.QueueSkip),
        Hint("queue-on-other-pod-some-resource-scale-down", St.MakePod().Name("pod1").Uid(1).Req(("cpu", "1")).Obj(),
            St.MakePod().Name("pod2").Uid(2).Req(("cpu", "2")).Node("fake").Obj(), St.MakePod().Name("pod2").Uid(2).Req(("cpu", "1")).Node("fake").Obj(), QueueingHint.Queue),
        Hint("queue-on-target-pod-some-resource-scale-down", St.MakePod().Name("pod1").Uid(1).Req(("cpu", "1")).Obj(),
            St.MakePod().Name("pod1").Uid(1).Req(("cpu", "2")).Obj(), St.MakePod().Name("pod1").Uid(1).Req(("cpu", "1")).Obj(), QueueingHint.Queue),
    ];

    private static readonly object[] NodeChangeCases =
    [
        Hint("backoff-wrong-new-object", St.MakePod().Obj(), null, "not-a-node", QueueingHint.Queue),
        Hint("backoff-wrong-old-object", St.MakePod().Obj(), "not-a-node", St.MakeNode().Obj(), QueueingHint.Queue),
        Hint("skip-queue-on-node-add-without-sufficient-resources", ResourcePod(Usage(memory: 2)),
            null, St.MakeNode().UpstreamCapacity(("memory", "1")).Obj(), QueueingHint.QueueSkip),
        Hint("skip-queue-on-node-add-without-required-resource-type", ResourcePod(Usage().With(ExtendedResourceA, 1)),
            null, St.MakeNode().UpstreamCapacity((ExtendedResourceB, "1")).Obj(), QueueingHint.QueueSkip),
        Hint("queue-on-node-add-with-sufficient-resources", ResourcePod(Usage(memory: 2).With(ExtendedResourceA, 1)),
            null, St.MakeNode().UpstreamCapacity(("memory", "4"), (ExtendedResourceA, "2")).Obj(), QueueingHint.Queue),
        Hint("skip-queue-on-node-unrelated-changes", ResourcePod(Usage(memory: 2).With(ExtendedResourceA, 1)),
            St.MakeNode().UpstreamCapacity(("memory", "2"), (ExtendedResourceA, "2")).Obj(),
            St.MakeNode().UpstreamCapacity(("memory", "2"), (ExtendedResourceA, "1"), (ExtendedResourceB, "2")).Obj(), QueueingHint.QueueSkip),
        Hint("queue-on-pod-requested-resources-increase", ResourcePod(Usage(memory: 2).With(ExtendedResourceA, 1)),
            St.MakeNode().UpstreamCapacity(("memory", "2"), (ExtendedResourceA, "1")).Obj(),
            St.MakeNode().UpstreamCapacity(("memory", "2"), (ExtendedResourceA, "2")).Obj(), QueueingHint.Queue),
        Hint("skip-queue-on-node-changes-from-suitable-to-unsuitable", ResourcePod(Usage(memory: 2).With(ExtendedResourceA, 1)),
            St.MakeNode().UpstreamCapacity(("memory", "4"), (ExtendedResourceA, "2")).Obj(),
            St.MakeNode().UpstreamCapacity(("memory", "1"), (ExtendedResourceA, "2")).Obj(), QueueingHint.QueueSkip),
        Hint("queue-on-node-changes-from-unsuitable-to-suitable", ResourcePod(Usage(memory: 2).With(ExtendedResourceA, 1)),
            St.MakeNode().UpstreamCapacity(("memory", "1"), (ExtendedResourceA, "2")).Obj(),
            St.MakeNode().UpstreamCapacity(("memory", "4"), (ExtendedResourceA, "2")).Obj(), QueueingHint.Queue),
    ];

    private static readonly object[] IsFitCases =
    [
        new TestCaseData(St.MakePod().Obj(), null, false).SetName("nil node"),
        new TestCaseData(St.MakePod().Req(("cpu", "2")).Obj(), St.MakeNode().UpstreamCapacity(("cpu", "1")).Obj(), false).SetName("insufficient resource"),
        new TestCaseData(St.MakePod().Req(("cpu", "1")).Obj(), St.MakeNode().UpstreamCapacity(("cpu", "2")).Obj(), true).SetName("sufficient resource"),
    ];

    private static readonly object[] IncreasedCases =
    [
        Increased("no-requested-resources", ResourcePod(Usage()),
            [("pods", "1"), ("cpu", "1"), ("memory", "1"), ("ephemeral-storage", "1"), (ExtendedResourceA, "1")],
            [("pods", "1"), ("cpu", "2"), ("memory", "2"), ("ephemeral-storage", "2"), (ExtendedResourceA, "2")], false),
        Increased("no-requested-resources-pods-increased", ResourcePod(Usage()),
            [("pods", "1"), ("cpu", "1"), ("memory", "1"), ("ephemeral-storage", "1"), (ExtendedResourceA, "1")],
            [("pods", "2"), ("cpu", "1"), ("memory", "1"), ("ephemeral-storage", "1"), (ExtendedResourceA, "1")], true),
        Increased("scalar-resources-not-in-node", ResourcePod(Usage(2, 2, 2).With(ExtendedResourceA, 2)),
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "3")],
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "1")], false),
        Increased("requested-resources-decreased", ResourcePod(Usage(2, 2, 2).With(ExtendedResourceA, 2)),
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "3"), (ExtendedResourceA, "4")],
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "1"), (ExtendedResourceA, "1")], false),
        Increased("requested-resources-increased", ResourcePod(Usage(2, 2, 2).With(ExtendedResourceA, 2)),
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "3"), (ExtendedResourceA, "4")],
            [("cpu", "3"), ("memory", "4"), ("ephemeral-storage", "3"), (ExtendedResourceA, "4")], true),
        Increased("non-requested-resources-decreased", ResourcePod(Usage(2, 2)),
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "3"), (ExtendedResourceA, "4")],
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "1"), (ExtendedResourceA, "1")], false),
        Increased("non-requested-resources-increased", ResourcePod(Usage(2, 2)),
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "3"), (ExtendedResourceA, "4")],
            [("cpu", "1"), ("memory", "2"), ("ephemeral-storage", "5"), (ExtendedResourceA, "6")], false),
    ];

    [TestCaseSource(nameof(PodChangeCases))]
    public void Test_isSchedulableAfterPodChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(FitQueueingHints.IsSchedulableAfterPodEvent(pod, oldObject, newObject), Is.EqualTo(expected));

    [TestCaseSource(nameof(NodeChangeCases))]
    public void Test_isSchedulableAfterNodeChange(Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(FitQueueingHints.IsSchedulableAfterNodeChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [TestCaseSource(nameof(IsFitCases))]
    public void TestIsFit(Pod pod, Node? node, bool expected) => Assert.That(ResourceFit.IsFit(pod, node), Is.EqualTo(expected));

    [TestCaseSource(nameof(IncreasedCases))]
    public void TestHaveAnyRequestedResourcesIncreased(Pod pod, Node original, Node modified, bool expected) =>
        Assert.That(ResourceFit.HaveAnyRequestedResourcesIncreased(pod, original, modified), Is.EqualTo(expected));

    [Test]
    public void Registers_pod_deletes_and_scale_downs_and_node_adds_and_allocatable_changes()
    {
        var events = new Fit(new NodeResourcesFitArgs()).EventsToRegister();

        Assert.That(events.Select(e => e.Event), Is.EqualTo(new[]
        {
            new ClusterEvent(EventResource.AssignedPod, ActionType.Delete | ActionType.UpdatePodScaleDown),
            new ClusterEvent(EventResource.UnscheduledPod, ActionType.Delete | ActionType.UpdatePodScaleDown),
            new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeAllocatable),
        }));
        Assert.That(events.All(e => e.Hint is not null), Is.True, "every registration has a queueing hint");
    }

    private static TestCaseData Hint(string name, Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        new TestCaseData(pod, oldObject, newObject, expected).SetName(name);

    private static TestCaseData Increased(string name, Pod pod, (string, string)[] original, (string, string)[] modified, bool expected) =>
        new TestCaseData(pod, St.MakeNode().UpstreamCapacity(original).Obj(), St.MakeNode().UpstreamCapacity(modified).Obj(), expected).SetName(name);
}
