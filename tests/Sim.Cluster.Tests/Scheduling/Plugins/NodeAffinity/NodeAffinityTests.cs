using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Tests.Scheduling.Plugins.Helper;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeAffinity.Na;
using NodeAffinityPlugin = Sim.Scheduling.Plugins.NodeAffinity.NodeAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// Upstream's table tests of the NodeAffinity plugin, ported from
/// <c>pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go</c> (TestNodeAffinity,
/// TestNodeAffinityPriority, Test_isSchedulableAfterNodeChange).
/// </summary>
/// <remarks>
/// Every case of this file version is ported. Upstream cases of other versions with a required node
/// selector that has no terms are not representable (Sim's model reads no terms as no requirement;
/// the API rejects such a pod). The queueing-hint cases for objects of the wrong type assert the Queue
/// hint only: Sim's hints return no error.
/// </remarks>
public class NodeAffinityTests
{
    private static readonly Cluster.Objects.Scheduling.NodeAffinity Affinity1 =
        Preferred(Weighted(2, Exprs(Req("foo", SelectorOperator.In, "bar"))));

    private static readonly Cluster.Objects.Scheduling.NodeAffinity Affinity2 = Preferred(
        Weighted(2, Exprs(Req("foo", SelectorOperator.In, "bar"))),
        Weighted(4, Exprs(Req("key", SelectorOperator.In, "value"))),
        Weighted(5, Exprs(Req("foo", SelectorOperator.In, "bar"), Req("key", SelectorOperator.In, "value"), Req("az", SelectorOperator.In, "az1"))));

    private static readonly Dictionary<string, string> Label1 = L(("foo", "bar"));
    private static readonly Dictionary<string, string> Label2 = L(("key", "value"));
    private static readonly Dictionary<string, string> Label3 = L(("az", "az1"));
    private static readonly Dictionary<string, string> Label4 = L(("abc", "az11"), ("def", "az22"));
    private static readonly Dictionary<string, string> Label5 = L(("foo", "bar"), ("key", "value"), ("az", "az1"));

    private static readonly Status PodMismatch = Status.UnschedulableAndUnresolvable(NodeAffinityPlugin.ErrReasonPod);

    private static readonly NodeAffinityArgs NoArgs = new();

    private static readonly NodeAffinityArgs AddedNameNode2 = new()
    {
        AddedAffinity = new AddedNodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Fields(NameIn("node2"))] } },
    };

    private static readonly TestCaseData[] FilterCases =
    [
        Filter("missing labels", Pod(nodeSelector: L(("foo", "bar"))), null, string.Empty, PodMismatch),
        Filter("same labels", Pod(nodeSelector: L(("foo", "bar"))), L(("foo", "bar")), string.Empty, Status.Success),
        Filter("node labels are superset", Pod(nodeSelector: L(("foo", "bar"))), L(("foo", "bar"), ("baz", "blah")), string.Empty, Status.Success),
        Filter("node labels are subset", Pod(nodeSelector: L(("foo", "bar"), ("baz", "blah"))), L(("foo", "bar")), string.Empty, PodMismatch),
        Filter(
            "Pod with matchExpressions using In operator that matches the existing node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.In, "bar", "value2")))),
            L(("foo", "bar")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with matchExpressions using Gt operator that matches the existing node",
            Pod(Required(Exprs(Req("kernel-version", SelectorOperator.GreaterThan, "0204")))),
            L(("kernel-version", "0206")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with matchExpressions using NotIn operator that matches the existing node",
            Pod(Required(Exprs(Req("mem-type", SelectorOperator.NotIn, "DDR", "DDR2")))),
            L(("mem-type", "DDR3")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with matchExpressions using Exists operator that matches the existing node",
            Pod(Required(Exprs(Req("GPU", SelectorOperator.Exists)))),
            L(("GPU", "NVIDIA-GRID-K1")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with affinity that don't match node's labels won't schedule onto the node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.In, "value1", "value2")))),
            L(("foo", "bar")),
            string.Empty,
            PodMismatch),
        Filter(
            "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
            Pod(Required(new NodeSelectorTerm())),
            L(("foo", "bar")),
            string.Empty,
            PodMismatch),
        Filter("Pod with no Affinity will schedule onto a node", Pod(), L(("foo", "bar")), string.Empty, Status.Success, preFilterStatus: Status.Skip),
        Filter(
            "Pod with Affinity but nil NodeSelector will schedule onto a node",
            Pod(new Cluster.Objects.Scheduling.NodeAffinity()),
            L(("foo", "bar")),
            string.Empty,
            Status.Success,
            preFilterStatus: Status.Skip),
        Filter(
            "Pod with multiple matchExpressions ANDed that matches the existing node",
            Pod(Required(Exprs(Req("GPU", SelectorOperator.Exists), Req("GPU", SelectorOperator.NotIn, "AMD", "INTER")))),
            L(("GPU", "NVIDIA-GRID-K1")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
            Pod(Required(Exprs(Req("GPU", SelectorOperator.Exists), Req("GPU", SelectorOperator.In, "AMD", "INTER")))),
            L(("GPU", "NVIDIA-GRID-K1")),
            string.Empty,
            PodMismatch),
        Filter(
            "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.In, "bar", "value2")), Exprs(Req("diffkey", SelectorOperator.In, "wrong", "value2")))),
            L(("foo", "bar")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.Exists))), L(("foo", "bar"))),
            L(("foo", "bar")),
            string.Empty,
            Status.Success),
        Filter(
            "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.Exists))), L(("foo", "bar"))),
            L(("foo", "barrrrrr")),
            string.Empty,
            PodMismatch),
        Filter(
            "Pod with an invalid value in Affinity term won't be scheduled onto the node",
            Pod(Required(Exprs(Req("foo", SelectorOperator.NotIn, "invalid value: ___@#$%^")))),
            L(("foo", "bar")),
            string.Empty,
            PodMismatch),
        Filter(
            "Pod with matchFields using In operator that matches the existing node",
            Pod(Required(Fields(NameIn("node1")))),
            null,
            "node1",
            Status.Success,
            preFilterResult: ["node1"]),
        Filter(
            "Pod with matchFields using In operator that does not match the existing node",
            Pod(Required(Fields(NameIn("node1")))),
            null,
            "node2",
            PodMismatch,
            preFilterResult: ["node1"]),
        Filter(
            "Pod with two terms: matchFields does not match, but matchExpressions matches",
            Pod(Required(Fields(NameIn("node1"), NameIn("node2")), Exprs(Req("foo", SelectorOperator.In, "bar")))),
            L(("foo", "bar")),
            "node2",
            Status.Success),
        Filter(
            "Pod with one term: matchFields does not match, but matchExpressions matches",
            Pod(Required(new NodeSelectorTerm { MatchFields = [NameIn("node1")], MatchExpressions = [Req("foo", SelectorOperator.In, "bar")] })),
            L(("foo", "bar")),
            "node2",
            PodMismatch,
            preFilterResult: ["node1"]),
        Filter(
            "Pod with one term: both matchFields and matchExpressions match",
            Pod(Required(new NodeSelectorTerm { MatchFields = [NameIn("node1")], MatchExpressions = [Req("foo", SelectorOperator.In, "bar")] })),
            L(("foo", "bar")),
            "node1",
            Status.Success,
            preFilterResult: ["node1"]),
        Filter(
            "Pod with two terms: both matchFields and matchExpressions do not match",
            Pod(Required(Fields(NameIn("node1")), Exprs(Req("foo", SelectorOperator.In, "not-match-to-bar")))),
            L(("foo", "bar")),
            "node2",
            PodMismatch),
        Filter(
            "Pod with two terms of node.Name affinity",
            Pod(Required(Fields(NameIn("node1")), Fields(NameIn("node2")))),
            null,
            "node2",
            Status.Success,
            preFilterResult: ["node1", "node2"]),
        Filter(
            "Pod with two conflicting mach field requirements",
            Pod(Required(Fields(NameIn("node1"), NameIn("node2")))),
            L(("foo", "bar")),
            "node2",
            PodMismatch,
            preFilterStatus: Status.UnschedulableAndUnresolvable(NodeAffinityPlugin.ErrReasonConflict)),
        Filter(
            "Matches added affinity and Pod's node affinity",
            Pod(Required(Exprs(Req("zone", SelectorOperator.In, "foo")))),
            L(("zone", "foo")),
            "node2",
            Status.Success,
            args: AddedNameNode2),
        Filter(
            "Matches added affinity but not Pod's node affinity",
            Pod(Required(Exprs(Req("zone", SelectorOperator.In, "bar")))),
            L(("zone", "foo")),
            "node2",
            PodMismatch,
            args: AddedNameNode2),
        Filter(
            "Doesn't match added affinity",
            Pod(),
            L(("zone", "foo")),
            "node2",
            Status.UnschedulableAndUnresolvable(NodeAffinityPlugin.ErrReasonEnforced),
            args: new NodeAffinityArgs
            {
                AddedAffinity = new AddedNodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Exprs(Req("zone", SelectorOperator.In, "bar"))] },
                },
            }),
        Filter(
            "Matches node selector correctly even if PreFilter is not called",
            Pod(nodeSelector: L(("foo", "bar"))),
            L(("foo", "bar"), ("baz", "blah")),
            string.Empty,
            Status.Success,
            runPreFilter: false),
        Filter(
            "Matches node affinity correctly even if PreFilter is not called",
            Pod(Required(Exprs(Req("GPU", SelectorOperator.Exists), Req("GPU", SelectorOperator.NotIn, "AMD", "INTER")))),
            L(("GPU", "NVIDIA-GRID-K1")),
            string.Empty,
            Status.Success,
            runPreFilter: false),
    ];

    private static readonly TestCaseData[] PriorityCases =
    [
        Priority(
            "all nodes are same priority as NodeAffinity is nil",
            Pod(),
            [Node("node1", Label1), Node("node2", Label2), Node("node3", Label3)],
            [new("node1", 0), new("node2", 0), new("node3", 0)],
            runPreScore: false),
        Priority("Skip is returned in PreScore when NodeAffinity is nil", Pod(), [Node("node1", Label1)], null, preScoreStatus: Status.Skip),
        Priority(
            "PreScore returns error when an incoming Pod has a broken affinity",
            Pod(Preferred(Weighted(2, Exprs(Req("invalid key", SelectorOperator.In, "bar"))))),
            [Node("node1", Label1)],
            null,
            preScoreStatus: Status.Error(
                "[0].matchExpressions[0].key: Invalid value: \"invalid key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Priority(
            "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
            Pod(Affinity1),
            [Node("node1", Label4), Node("node2", Label2), Node("node3", Label3)],
            [new("node1", 0), new("node2", 0), new("node3", 0)]),
        Priority(
            "only node1 matches the preferred scheduling requirements of pod",
            Pod(Affinity1),
            [Node("node1", Label1), Node("node2", Label2), Node("node3", Label3)],
            [new("node1", 100), new("node2", 0), new("node3", 0)]),
        Priority(
            "all nodes matches the preferred scheduling requirements of pod but with different priorities ",
            Pod(Affinity2),
            [Node("node1", Label1), Node("node5", Label5), Node("node2", Label2)],
            [new("node1", 18), new("node5", 100), new("node2", 36)]),
        Priority(
            "added affinity",
            Pod(),
            [Node("node1", Label1), Node("node2", Label2)],
            [new("node1", 100), new("node2", 0)],
            args: new NodeAffinityArgs { AddedAffinity = new AddedNodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = Affinity1.Preferred } }),
        Priority(
            "added affinity and pod has default affinity",
            Pod(Affinity1),
            [Node("node1", Label1), Node("node2", Label2), Node("node3", Label5)],
            [new("node1", 40), new("node2", 60), new("node3", 100)],
            args: new NodeAffinityArgs
            {
                AddedAffinity = new AddedNodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [Weighted(3, Exprs(Req("key", SelectorOperator.In, "value")))] },
            }),
        Priority(
            "calculate the priorities correctly even if PreScore is not called",
            Pod(Affinity2),
            [Node("node1", Label1), Node("node5", Label5), Node("node2", Label2)],
            [new("node1", 18), new("node5", 100), new("node2", 36)]),
    ];

    private static readonly Pod PodWithNodeAffinity = Pod(Required(Exprs(Req("foo", SelectorOperator.In, "bar"))));

    private static readonly NodeAffinityArgs AddedFooBar = new()
    {
        AddedAffinity = new AddedNodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Exprs(Req("foo", SelectorOperator.In, "bar"))] },
        },
    };

    private static readonly TestCaseData[] NodeChangeCases =
    [
        new TestCaseData(NoArgs, PodWithNodeAffinity, null, "not-a-node", QueueingHint.Queue).SetName("backoff-wrong-new-object"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, "not-a-node", Node(string.Empty), QueueingHint.Queue).SetName("backoff-wrong-old-object"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, null, Node(string.Empty), QueueingHint.QueueSkip).SetName("skip-queue-on-add"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, null, Node(string.Empty, L(("foo", "bar"))), QueueingHint.Queue).SetName("queue-on-add"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, Node(string.Empty), Node(string.Empty), QueueingHint.QueueSkip).SetName("skip-unrelated-changes"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, Node(string.Empty), Node(string.Empty, L(("k", "v"))), QueueingHint.QueueSkip).SetName("skip-unrelated-changes-on-labels"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, Node(string.Empty, L(("foo", "bar"))), Node(string.Empty, L(("k", "v"))), QueueingHint.QueueSkip)
            .SetName("skip-labels-changes-on-node-from-suitable-to-unsuitable"),
        new TestCaseData(NoArgs, PodWithNodeAffinity, Node(string.Empty), Node(string.Empty, L(("foo", "bar"))), QueueingHint.Queue)
            .SetName("queue-on-labels-change-makes-pod-schedulable"),
        new TestCaseData(AddedFooBar, PodWithNodeAffinity, null, Node(string.Empty), QueueingHint.QueueSkip).SetName("skip-queue-on-add-scheduler-enforced-node-affinity"),
        new TestCaseData(AddedFooBar, PodWithNodeAffinity, null, Node(string.Empty, L(("foo", "bar"))), QueueingHint.Queue).SetName("queue-on-add-scheduler-enforced-node-affinity"),
    ];

    [TestCaseSource(nameof(FilterCases))]
    public void TestNodeAffinity(
        Pod pod, Dictionary<string, string>? labels, string nodeName, Status wantStatus, Status wantPreFilterStatus, string[]? wantPreFilterResult, NodeAffinityArgs args, bool runPreFilter)
    {
        var plugin = new NodeAffinityPlugin(args);
        var node = new NodeInfo(Node(nodeName, labels));
        var podInfo = new PodInfo(pod);
        var state = new CycleState();

        Assert.Multiple(() =>
        {
            if (runPreFilter)
            {
                var preFilterStatus = plugin.PreFilter(state, podInfo, [node], out var result);
                Assert.That(preFilterStatus, Is.EqualTo(wantPreFilterStatus), "PreFilter status");
                Assert.That(result?.NodeNames, wantPreFilterResult is null ? Is.Null : Is.EquivalentTo(wantPreFilterResult), "PreFilter result");
            }

            Assert.That(plugin.Filter(state, podInfo, node), Is.EqualTo(wantStatus), "Filter status");
        });
    }

    [TestCaseSource(nameof(PriorityCases))]
    public void TestNodeAffinityPriority(Pod pod, Node[] nodes, NodeScore[]? expected, NodeAffinityArgs args, bool runPreScore, Status wantPreScoreStatus)
    {
        var plugin = new NodeAffinityPlugin(args);
        var podInfo = new PodInfo(pod);
        var infos = nodes.Select(n => new NodeInfo(n)).ToArray();
        var state = new CycleState();
        if (runPreScore)
        {
            var status = plugin.PreScore(state, podInfo, infos);
            Assert.That(status.Code, Is.EqualTo(wantPreScoreStatus.Code), "PreScore code");
            Assert.That(status.Message, Is.EqualTo(wantPreScoreStatus.Message), "PreScore message");
            if (!status.IsSuccess)
            {
                return;
            }
        }

        var scores = infos.Select(n => new NodeScore(n.Name, plugin.Score(state, podInfo, n))).ToArray();
        Assert.That(plugin.NormalizeScore(state, podInfo, scores), Is.EqualTo(Status.Success));
        Assert.That(scores, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(NodeChangeCases))]
    public void Test_isSchedulableAfterNodeChange(NodeAffinityArgs args, Pod pod, object? oldObject, object? newObject, QueueingHint expected) =>
        Assert.That(new NodeAffinityPlugin(args).IsSchedulableAfterNodeChange(pod, oldObject, newObject), Is.EqualTo(expected));

    [Test]
    public void A_NotIn_field_requirement_excludes_only_the_named_node()
    {
        var plugin = new NodeAffinityPlugin(NoArgs);
        var pod = new PodInfo(Pod(Required(Fields(Req("metadata.name", SelectorOperator.NotIn, "node1")))));
        var state = new CycleState();
        plugin.PreFilter(state, pod, [], out var result);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.Null);
            Assert.That(plugin.Filter(state, pod, new NodeInfo(Node("node1"))), Is.EqualTo(PodMismatch));
            Assert.That(plugin.Filter(state, pod, new NodeInfo(Node("node2"))), Is.EqualTo(Status.Success));
        });
    }

    [Test]
    public void Field_requirements_are_not_checked_on_a_node_without_a_name()
    {
        // Upstream's term matching skips matchFields when the node's field set (its name) is empty.
        var plugin = new NodeAffinityPlugin(NoArgs);
        var pod = new PodInfo(Pod(Required(Fields(NameIn("node1")))));

        Assert.That(plugin.Filter(new CycleState(), pod, new NodeInfo(Node(string.Empty))), Is.EqualTo(Status.Success));
    }

    [Test]
    public void Filter_and_Score_allocate_nothing()
    {
        var args = new NodeAffinityArgs
        {
            AddedAffinity = new AddedNodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Exprs(Req("zone", SelectorOperator.Exists))] },
                PreferredDuringSchedulingIgnoredDuringExecution = [Weighted(3, Exprs(Req("key", SelectorOperator.In, "value")))],
            },
        };
        var plugin = new NodeAffinityPlugin(args);
        var pod = new PodInfo(Pod(
            new Cluster.Objects.Scheduling.NodeAffinity
            {
                Required = [Exprs(Req("foo", SelectorOperator.In, "bar")), Fields(NameIn("node1"))],
                Preferred = Affinity2.Preferred,
            },
            L(("foo", "bar"))));
        var node = new NodeInfo(Node("node1", L(("foo", "bar"), ("key", "value"), ("zone", "z1"))));
        var state = new CycleState();
        plugin.PreFilter(state, pod, [node], out _);
        plugin.PreScore(state, pod, [node]);

        Assert.Multiple(() =>
        {
            Assert.That(plugin.Filter(state, pod, node), Is.EqualTo(Status.Success));
            Assert.That(plugin.Score(state, pod, node), Is.EqualTo(2 + 4 + 3));
            Assert.That(Allocations.Of(() => plugin.Filter(state, pod, node)), Is.Zero, "Filter");
            Assert.That(Allocations.Of(() => plugin.Score(state, pod, node)), Is.Zero, "Score");
        });
    }

    private static TestCaseData Filter(
        string name,
        Pod pod,
        Dictionary<string, string>? labels,
        string nodeName,
        Status status,
        Status preFilterStatus = default,
        string[]? preFilterResult = null,
        NodeAffinityArgs? args = null,
        bool runPreFilter = true) =>
        new TestCaseData(pod, labels, nodeName, status, preFilterStatus, preFilterResult, args ?? NoArgs, runPreFilter).SetName(name);

    private static TestCaseData Priority(
        string name, Pod pod, Node[] nodes, NodeScore[]? expected, NodeAffinityArgs? args = null, bool runPreScore = true, Status preScoreStatus = default) =>
        new TestCaseData(pod, nodes, expected, args ?? NoArgs, runPreScore, preScoreStatus).SetName(name);
}
