using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using static Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity.IpaTest;
using Plugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Ported from upstream's <c>pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go</c>
/// (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes, TestPreFilterDisabled,
/// TestPreFilterStateAddRemovePod, TestPreFilterStateClone, TestGetTPMapMatchingIncomingAffinityAntiAffinity).
/// </summary>
/// <remarks>
/// Skipped cases of TestRequiredAffinitySingleNode:
/// <list type="bullet">
/// <item>"PodAffinity fails PreFilter with an invalid affinity label syntax" and "PodAntiAffinity fails PreFilter
/// with an invalid antiaffinity label syntax": Sim validates label selectors when they are built, so a pod
/// cannot carry the invalid value <c>{{.bad-value.}}</c> to the scheduler.</item>
/// <item>"affinity with NamespaceSelector", "affinity with non-matching NamespaceSelector", "anti-affinity with
/// matching NamespaceSelector", "anti-affinity with matching all NamespaceSelector", "anti-affinity with
/// non-matching NamespaceSelector": namespace selectors (and namespace labels) are not modelled.</item>
/// </list>
/// Upstream's two cases of TestPreFilterStateAddRemovePod named "preFilterState anti-affinity terms are updated
/// correctly after adding and removing a pod" run as that name and that name with "#01", as Go names them.
/// </remarks>
public class InterPodAffinityFilteringTests
{
    private static readonly InterPodAffinityArgs NoArgs = new() { HardPodAffinityWeight = 0 };

    private static Status AffinityRulesNotMatch => Status.UnschedulableAndUnresolvable(Plugin.ErrReasonAffinityRulesNotMatch);

    private static Status AntiAffinityRulesNotMatch => Status.Unschedulable(Plugin.ErrReasonAntiAffinityRulesNotMatch);

    private static Status ExistingAntiAffinityRulesNotMatch => Status.Unschedulable(Plugin.ErrReasonExistingAntiAffinityRulesNotMatch);

    private static IEnumerable<TestCaseData> RequiredAffinitySingleNodeCases()
    {
        var podLabel = LabelMap(("service", "securityscan"));
        var podLabel2 = LabelMap(("security", "S1"));
        var pod = St.MakePod().Labels(podLabel).Node("node1").Obj();
        var node1 = NodeOf("node1", ("region", "r1"), ("zone", "z11"));

        TestCaseData Case(string name, PodWrapper incoming, Pod[] pods, Status wantPreFilter, Status wantFilter) =>
            new TestCaseData(incoming.Obj(), pods, node1, wantPreFilter, wantFilter).SetName(name);

        yield return Case(
            "A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
            St.MakePod(), [], Status.Skip, Status.Success);
        yield return Case(
            "satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
            St.MakePod().Labels(podLabel2).PodAffinityIn("service", "region", "securityscan", "value2"), [pod], Status.Success, Status.Success);
        yield return Case(
            "satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
            St.MakePod().Labels(podLabel2).PodAffinityNotIn("service", "region", "securityscan3", "value3"), [pod], Status.Success, Status.Success);
        yield return Case(
            "Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
            St.MakePod().Labels(podLabel2).PodAffinity(string.Empty, "service in (securityscan,value2)", "DiffNameSpace"),
            [St.MakePod().Namespace("ns").Label("service", "securityscan").Node("node1").Obj()],
            Status.Success, AffinityRulesNotMatch);
        yield return Case(
            "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
            St.MakePod().Labels(podLabel).PodAffinityIn("service", string.Empty, "antivirusscan", "value2"), [pod], Status.Success, AffinityRulesNotMatch);
        yield return Case(
            "satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ",
            St.MakePod().Labels(podLabel2)
                .PodAffinity("region", "service,!wrongkey")
                .PodAffinity("region", "service in (securityscan),service notin (WrongValue)"),
            [pod], Status.Success, Status.Success);
        yield return Case(
            "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
            St.MakePod().Labels(podLabel2)
                .PodAffinity("region", "service,!wrongkey")
                .PodAffinity("region", "service in (securityscan2),service notin (WrongValue)"),
            [pod], Status.Success, AffinityRulesNotMatch);
        yield return Case(
            "satisfies the PodAffinity and PodAntiAffinity with the existing pod",
            St.MakePod().Labels(podLabel2)
                .PodAffinityIn("service", "region", "securityscan", "value2")
                .PodAntiAffinityIn("service", "node", "antivirusscan", "value2"),
            [pod], Status.Success, Status.Success);
        yield return Case(
            "satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
            St.MakePod().Labels(podLabel2)
                .PodAffinityIn("service", "region", "securityscan", "value2")
                .PodAntiAffinityIn("service", "node", "antivirusscan", "value2"),
            [St.MakePod().Node("node1").Labels(podLabel).PodAntiAffinityIn("service", "node", "antivirusscan", "value2").Obj()],
            Status.Success, Status.Success);
        yield return Case(
            "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
            St.MakePod().Labels(podLabel2)
                .PodAffinityIn("service", "region", "securityscan", "value2")
                .PodAntiAffinityIn("service", "zone", "securityscan", "value2"),
            [pod], Status.Success, AntiAffinityRulesNotMatch);
        yield return Case(
            "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
            St.MakePod().Labels(podLabel)
                .PodAffinityIn("service", "region", "securityscan", "value2")
                .PodAntiAffinityIn("service", "node", "antivirusscan", "value2"),
            [St.MakePod().Labels(podLabel).Node("node1").PodAntiAffinityIn("service", "zone", "securityscan", "value2").Obj()],
            Status.Success, ExistingAntiAffinityRulesNotMatch);
        yield return Case(
            "pod matches its own Label in PodAffinity and that matches the existing pod Labels",
            St.MakePod().Labels(podLabel).PodAffinityNotIn("service", "region", "securityscan", "value2"),
            [St.MakePod().Label("service", "securityscan").Node("node2").Obj()],
            Status.Success, AffinityRulesNotMatch);
        yield return Case(
            "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
            St.MakePod().Labels(podLabel),
            [St.MakePod().Node("node1").Labels(podLabel).PodAntiAffinityIn("service", "zone", "securityscan", "value2").Obj()],
            Status.Success, ExistingAntiAffinityRulesNotMatch);
        yield return Case(
            "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
            St.MakePod().Labels(podLabel),
            [St.MakePod().Node("node1").Labels(podLabel).PodAntiAffinityNotIn("service", "zone", "securityscan", "value2").Obj()],
            Status.Skip, Status.Success);
        yield return Case(
            "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
            St.MakePod().Labels(podLabel)
                .PodAntiAffinityExists("service", "region")
                .PodAntiAffinityExists("security", "region"),
            [St.MakePod().Node("node1").Labels(podLabel2).PodAntiAffinityExists("security", "zone").Obj()],
            Status.Success, AntiAffinityRulesNotMatch);
        yield return Case(
            "PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
            St.MakePod().Labels(podLabel)
                .PodAntiAffinityExists("service", "zone")
                .PodAntiAffinityExists("security", "zone"),
            [St.MakePod().Node("node1").Labels(podLabel2).PodAntiAffinityExists("security", "zone").Obj()],
            Status.Success, AntiAffinityRulesNotMatch);
        yield return Case(
            "PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
            St.MakePod().Labels(podLabel2).PodAntiAffinityExists("security", "zone"),
            [St.MakePod().Node("node1").Labels(podLabel).PodAntiAffinityExists("service", "zone").PodAntiAffinityExists("security", "zone").Obj()],
            Status.Success, ExistingAntiAffinityRulesNotMatch);
        yield return Case(
            "PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
            St.MakePod().Labels(LabelMap(("abc", string.Empty), ("xyz", string.Empty)))
                .PodAntiAffinityExists("abc", "zone")
                .PodAntiAffinityExists("def", "zone"),
            [St.MakePod().Node("node1").Labels(LabelMap(("def", string.Empty), ("xyz", string.Empty))).PodAntiAffinityExists("abc", "zone").PodAntiAffinityExists("def", "zone").Obj()],
            Status.Success, AntiAffinityRulesNotMatch);
        yield return Case(
            "PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
            St.MakePod().Labels(LabelMap(("def", string.Empty), ("xyz", string.Empty)))
                .PodAntiAffinityExists("abc", "zone")
                .PodAntiAffinityExists("def", "zone"),
            [St.MakePod().Node("node1").Labels(LabelMap(("abc", string.Empty), ("xyz", string.Empty))).PodAntiAffinityExists("abc", "zone").PodAntiAffinityExists("def", "zone").Obj()],
            Status.Success, AntiAffinityRulesNotMatch);
    }

    [TestCaseSource(nameof(RequiredAffinitySingleNodeCases))]
    public void TestRequiredAffinitySingleNode(Pod pod, Pod[] pods, Node node, Status wantPreFilter, Status wantFilter)
    {
        var snapshot = SnapshotOf([node], pods);
        var plugin = NewPlugin(snapshot, NoArgs);
        var state = new CycleState();
        var podInfo = new PodInfo(pod);

        var preFilter = plugin.PreFilter(state, podInfo, snapshot.NodeInfos, out _);

        Assert.That(preFilter, Is.EqualTo(wantPreFilter), "PreFilter");
        if (!preFilter.IsSuccess)
        {
            return;
        }

        Assert.That(plugin.Filter(state, podInfo, snapshot.Get(node.Metadata.Name)!), Is.EqualTo(wantFilter), "Filter");
    }

    private static IEnumerable<TestCaseData> RequiredAffinityMultipleNodesCases()
    {
        var podLabelA = LabelMap(("foo", "bar"));
        (string, string)[] labelRgChina = [("region", "China")];
        (string, string)[] labelRgChinaAzAz1 = [("region", "China"), ("az", "az1")];
        (string, string)[] labelRgIndia = [("region", "India")];
        Node[] nodesAB(string zoneA, string zoneB) =>
        [
            NodeOf("nodeA", ("region", "r1"), ("zone", zoneA), ("hostname", "nodeA")),
            NodeOf("nodeB", ("region", "r1"), ("zone", zoneB), ("hostname", "nodeB")),
        ];

        TestCaseData Case(string name, PodWrapper incoming, Pod[] pods, Node[] nodes, Status[] wantFilter, Status? wantPreFilter = null) =>
            new TestCaseData(incoming.Obj(), pods, nodes, wantPreFilter ?? Status.Success, wantFilter).SetName(name);

        yield return Case(
            "A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
            St.MakePod().PodAffinityIn("foo", "region", "bar"),
            [St.MakePod().Name("p1").Node("node1").Labels(podLabelA).Obj()],
            [NodeOf("node1", labelRgChina), NodeOf("node2", labelRgChinaAzAz1), NodeOf("node3", labelRgIndia)],
            [Status.Success, Status.Success, AffinityRulesNotMatch]);
        yield return Case(
            "The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection " +
                "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
            St.MakePod().Labels(LabelMap(("foo", "bar"), ("service", "securityscan")))
                .PodAffinityIn("foo", "zone", "bar")
                .PodAffinityIn("service", "zone", "securityscan"),
            [St.MakePod().Name("p1").Node("nodeA").Labels(LabelMap(("foo", "bar"))).Obj()],
            [NodeOf("nodeA", ("zone", "az1"), ("hostname", "h1")), NodeOf("nodeB", ("zone", "az2"), ("hostname", "h2"))],
            [Status.Success, Status.Success]);
        yield return Case(
            "The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
            St.MakePod().Labels(LabelMap(("foo", "bar"), ("service", "securityscan")))
                .PodAffinityIn("foo", "zone", "bar")
                .PodAffinityIn("service", "zone", "securityscan"),
            [St.MakePod().Name("p1").Node("nodeA").Labels(LabelMap(("foo", "bar"))).Obj()],
            [NodeOf("nodeA", ("zoneLabel", "az1"), ("hostname", "h1")), NodeOf("nodeB", ("zoneLabel", "az2"), ("hostname", "h2"))],
            [AffinityRulesNotMatch, AffinityRulesNotMatch]);
        yield return Case(
            "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
            St.MakePod().PodAntiAffinityIn("foo", "region", "abc"),
            [St.MakePod().Node("nodeA").Labels(LabelMap(("foo", "abc"))).Obj()],
            [NodeOf("nodeA", ("region", "r1"), ("hostname", "nodeA")), NodeOf("nodeB", ("region", "r1"), ("hostname", "nodeB"))],
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch]);
        yield return Case(
            "This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
            St.MakePod().PodAntiAffinityIn("foo", "region", "abc").PodAntiAffinityIn("service", "zone", "securityscan"),
            [St.MakePod().Node("nodeA").Labels(LabelMap(("foo", "abc"), ("service", "securityscan"))).Obj()],
            nodesAB("z1", "z2"),
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch]);
        yield return Case(
            "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
            St.MakePod().PodAntiAffinityIn("foo", "region", "abc"),
            [St.MakePod().Node("nodeA").Labels(LabelMap(("foo", "abc"))).Obj()],
            [NodeOf("nodeA", labelRgChina), NodeOf("nodeB", labelRgChinaAzAz1), NodeOf("nodeC", labelRgIndia)],
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch, Status.Success]);
        yield return Case(
            "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
            St.MakePod().Namespace("NS1").Labels(LabelMap(("foo", "123"))).PodAntiAffinityIn("foo", "region", "bar"),
            [
                St.MakePod().Node("nodeA").Namespace("NS1").Labels(LabelMap(("foo", "bar"))).Obj(),
                St.MakePod().Node("nodeC").Namespace("NS2").PodAntiAffinityIn("foo", "region", "123").Obj(),
            ],
            [NodeOf("nodeA", labelRgChina), NodeOf("nodeB", labelRgChinaAzAz1), NodeOf("nodeC", labelRgIndia)],
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch, Status.Success]);
        yield return Case(
            "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
            St.MakePod().Label("foo", string.Empty),
            [St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "invalid-node-label").Obj()],
            nodesAB("z1", "z1"),
            [Status.Success, Status.Success],
            Status.Skip);
        yield return Case(
            "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
            St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "invalid-node-label"),
            [St.MakePod().Node("nodeA").Labels(LabelMap(("foo", string.Empty))).Obj()],
            nodesAB("z1", "z1"),
            [Status.Success, Status.Success]);
        yield return Case(
            "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
            St.MakePod().Label("foo", string.Empty).Label("bar", string.Empty),
            [
                St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "zone").Obj(),
                St.MakePod().Node("nodeA").PodAntiAffinityExists("bar", "region").Obj(),
            ],
            nodesAB("z1", "z2"),
            [ExistingAntiAffinityRulesNotMatch, ExistingAntiAffinityRulesNotMatch]);
        yield return Case(
            "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
            St.MakePod().PodAntiAffinityExists("foo", "zone").PodAntiAffinityExists("bar", "region"),
            [
                St.MakePod().Node("nodeA").Labels(LabelMap(("foo", string.Empty))).Obj(),
                St.MakePod().Node("nodeB").Labels(LabelMap(("bar", string.Empty))).Obj(),
            ],
            nodesAB("z1", "z2"),
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch]);
        yield return Case(
            "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
            St.MakePod().Label("foo", string.Empty).Label("bar", string.Empty),
            [St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "invalid-node-label").PodAntiAffinityExists("bar", "zone").Obj()],
            nodesAB("z1", "z2"),
            [ExistingAntiAffinityRulesNotMatch, Status.Success]);
        yield return Case(
            "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
            St.MakePod().PodAntiAffinityExists("foo", "invalid-node-label").PodAntiAffinityExists("bar", "zone"),
            [St.MakePod().Name("podA").Node("nodeA").Labels(LabelMap(("foo", string.Empty), ("bar", string.Empty))).Obj()],
            nodesAB("z1", "z2"),
            [AntiAffinityRulesNotMatch, Status.Success]);
        yield return Case(
            "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
            St.MakePod().Label("foo", string.Empty).Label("bar", string.Empty),
            [St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "region").PodAntiAffinityExists("bar", "zone").Obj()],
            nodesAB("z1", "z2"),
            [ExistingAntiAffinityRulesNotMatch, ExistingAntiAffinityRulesNotMatch]);
        yield return Case(
            "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
            St.MakePod().PodAntiAffinityExists("foo", "region").PodAntiAffinityExists("bar", "zone"),
            [St.MakePod().Node("nodeA").Labels(LabelMap(("foo", string.Empty), ("bar", string.Empty))).Obj()],
            nodesAB("z1", "z2"),
            [AntiAffinityRulesNotMatch, AntiAffinityRulesNotMatch]);
        yield return Case(
            "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
            St.MakePod().Label("foo", string.Empty).Label("bar", string.Empty),
            [
                St.MakePod().Node("nodeA").PodAntiAffinityExists("foo", "zone").PodAntiAffinityExists("labelA", "zone").Obj(),
                St.MakePod().Node("nodeB").PodAntiAffinityExists("bar", "zone").PodAntiAffinityExists("labelB", "zone").Obj(),
            ],
            [.. nodesAB("z1", "z2"), NodeOf("nodeC", ("region", "r1"), ("zone", "z3"), ("hostname", "nodeC"))],
            [ExistingAntiAffinityRulesNotMatch, ExistingAntiAffinityRulesNotMatch, Status.Success]);
        yield return Case(
            "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
            St.MakePod().PodAffinityExists("foo", "region").PodAffinityExists("bar", "zone"),
            [St.MakePod().Name("pod1").Labels(LabelMap(("foo", string.Empty), ("bar", string.Empty))).Node("nodeA").Obj()],
            nodesAB("z1", "z1"),
            [Status.Success, Status.Success]);
        yield return Case(
            "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
            St.MakePod().PodAffinityExists("foo", "region").PodAffinityExists("bar", "zone"),
            [
                St.MakePod().Node("nodeA").Name("pod1").Labels(LabelMap(("foo", string.Empty))).Obj(),
                St.MakePod().Node("nodeB").Name("pod2").Labels(LabelMap(("bar", string.Empty))).Obj(),
            ],
            nodesAB("z1", "z2"),
            [AffinityRulesNotMatch, AffinityRulesNotMatch]);
    }

    [TestCaseSource(nameof(RequiredAffinityMultipleNodesCases))]
    public void TestRequiredAffinityMultipleNodes(Pod pod, Pod[] pods, Node[] nodes, Status wantPreFilter, Status[] wantFilter)
    {
        var snapshot = SnapshotOf(nodes, pods);
        var plugin = NewPlugin(snapshot, NoArgs);
        var state = new CycleState();
        var podInfo = new PodInfo(pod);

        var preFilter = plugin.PreFilter(state, podInfo, snapshot.NodeInfos, out _);

        Assert.That(preFilter, Is.EqualTo(wantPreFilter), "PreFilter");
        if (preFilter.IsSkip)
        {
            return;
        }

        var got = nodes.Select(n => plugin.Filter(state, podInfo, snapshot.Get(n.Metadata.Name)!)).ToArray();
        Assert.That(got, Is.EqualTo(wantFilter), "Filter, per node");
    }

    [Test]
    public void TestPreFilterDisabled()
    {
        var plugin = NewPlugin(Sim.Scheduling.Snapshot.Create([]), NoArgs);
        var node = new NodeInfo(NodeOf(string.Empty));

        var status = plugin.Filter(new CycleState(), new PodInfo(St.MakePod().Obj()), node);

        Assert.That(status, Is.EqualTo(Status.Error("error reading \"PreFilterInterPodAffinity\" from cycleState: not found")));
    }

    private static IEnumerable<TestCaseData> PreFilterStateAddRemovePodCases()
    {
        (string, string)[] label1 = [("region", "r1"), ("zone", "z11")];
        (string, string)[] label2 = [("region", "r1"), ("zone", "z12")];
        (string, string)[] label3 = [("region", "r2"), ("zone", "z21")];
        Node[] nodes = [NodeOf("nodeA", label1), NodeOf("nodeB", label2), NodeOf("nodeC", label3)];
        var selector1 = LabelMap(("foo", "bar"));
        static PodWrapper AntiAffinityFooBar(PodWrapper p) => p.PodAntiAffinity("region", "foo in (bar)");
        static PodWrapper AntiAffinityComplex(PodWrapper p) =>
            p.PodAntiAffinity("region", "foo in (bar,buzz)").PodAntiAffinity("zone", "service notin (bar,security,test)");
        static PodWrapper AffinityComplex(PodWrapper p) =>
            p.PodAffinity("region", "foo in (bar,buzz)").PodAffinity("zone", "service notin (bar,security,test)");

        yield return new TestCaseData(
                AntiAffinityFooBar(St.MakePod().Name("pending").Labels(selector1)).Obj(),
                AntiAffinityFooBar(St.MakePod().Name("addedPod").Labels(selector1).Node("nodeB")).Obj(),
                new[]
                {
                    St.MakePod().Name("p1").Labels(selector1).Node("nodeA").Obj(),
                    AntiAffinityFooBar(St.MakePod().Name("p2").Node("nodeC")).Obj(),
                },
                nodes,
                Map((("region", "r1"), 2)),
                Map())
            .SetName("preFilterState anti-affinity terms are updated correctly after adding and removing a pod");
        yield return new TestCaseData(
                AntiAffinityComplex(St.MakePod().Name("pending").Labels(selector1)).Obj(),
                AntiAffinityComplex(St.MakePod().Name("addedPod").Labels(selector1).Node("nodeA")).Obj(),
                new[]
                {
                    St.MakePod().Name("p1").Labels(selector1).Node("nodeA").Obj(),
                    AntiAffinityFooBar(St.MakePod().Name("p2").Node("nodeC")).Obj(),
                },
                nodes,
                Map((("region", "r1"), 2), (("zone", "z11"), 2), (("zone", "z21"), 1)),
                Map())
            .SetName("preFilterState anti-affinity terms are updated correctly after adding and removing a pod#01");
        yield return new TestCaseData(
                AffinityComplex(St.MakePod().Name("pending").Labels(selector1)).Obj(),
                AntiAffinityComplex(St.MakePod().Name("addedPod").Labels(selector1).Node("nodeA")).Obj(),
                new[]
                {
                    St.MakePod().Name("p1").Labels(selector1).Node("nodeA").Obj(),
                    AffinityComplex(AntiAffinityFooBar(St.MakePod().Name("p2").Node("nodeC"))).Obj(),
                },
                nodes,
                Map(),
                Map((("region", "r1"), 2), (("zone", "z11"), 2)))
            .SetName("preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod");
    }

    [TestCaseSource(nameof(PreFilterStateAddRemovePodCases))]
    public void TestPreFilterStateAddRemovePod(
        Pod pendingPod, Pod addedPod, Pod[] existingPods, Node[] nodes,
        Dictionary<(string Key, string Value), long> expectedAntiAffinity, Dictionary<(string Key, string Value), long> expectedAffinity)
    {
        var pending = new PodInfo(pendingPod);
        (Plugin Plugin, CycleState CycleState, PreFilterState State, Snapshot Snapshot) GetState(Pod[] pods)
        {
            var snapshot = SnapshotOf(nodes, pods);
            var plugin = NewPlugin(snapshot, NoArgs);
            var cycleState = new CycleState();
            var status = plugin.PreFilter(cycleState, pending, snapshot.NodeInfos, out _);
            Assert.That(status.IsSuccess, Is.True, $"prefilter failed with status: {status}");
            var state = Plugin.ReadPreFilterState(cycleState);
            Assert.That(state, Is.Not.Null, "failed to get preFilterState from cycleState");
            return (plugin, cycleState, state!, snapshot);
        }

        // The state when all pods, the added one included, are given to PreFilter.
        var (_, _, allPodsState, _) = GetState([.. existingPods, addedPod]);

        // The state for the existing pods only, and a copy of it to compare with after the removal.
        var (ipa, cycleState, state, snapshot) = GetState(existingPods);
        var originalState = (PreFilterState)state.Clone();

        var nodeInfo = snapshot.Get(addedPod.Spec.NodeName)!;
        Assert.That(ipa.AddPod(cycleState, pending, new PodInfo(addedPod), nodeInfo).IsSuccess, Is.True, "error adding pod to meta");

        var newState = Plugin.ReadPreFilterState(cycleState)!;
        Assert.That(Map(newState.AntiAffinityCounts), Is.EqualTo(expectedAntiAffinity), "antiAffinityCounts after AddPod");
        Assert.That(Map(newState.AffinityCounts), Is.EqualTo(expectedAffinity), "affinityCounts after AddPod");
        AssertEqual(state, allPodsState, "state after AddPod equals the state computed with the added pod");

        Assert.That(ipa.RemovePod(cycleState, pending, new PodInfo(addedPod), nodeInfo).IsSuccess, Is.True, "error removing pod from meta");
        AssertEqual(state, originalState, "state after RemovePod equals the original state");
    }

    [Test]
    public void TestPreFilterStateClone()
    {
        var existing = new TopologyCounts();
        existing.Add("name", "node1", 1);
        existing.Add("name", "node2", 1);
        var affinity = new TopologyCounts();
        affinity.Add("name", "nodeA", 1);
        affinity.Add("name", "nodeC", 2);
        var antiAffinity = new TopologyCounts();
        antiAffinity.Add("name", "nodeN", 3);
        antiAffinity.Add("name", "nodeM", 1);
        var source = new PreFilterState(new PodInfo(St.MakePod().Obj()), existing, affinity, antiAffinity);

        var clone = (PreFilterState)source.Clone();

        Assert.That(clone, Is.Not.SameAs(source), "Clone returned the exact same object!");
        AssertEqual(clone, source, "Copy is not equal to source!");
        clone.AntiAffinityCounts.Add("name", "nodeN", -3);
        Assert.That(Map(source.AntiAffinityCounts), Is.EqualTo(Map((("name", "nodeM"), 1), (("name", "nodeN"), 3))), "changing the clone changed the source");
    }

    private static IEnumerable<TestCaseData> GetTPMapMatchingIncomingAffinityAntiAffinityCases()
    {
        static Pod NewPod(params string[] labels)
        {
            var pod = St.MakePod().Name("normal").Node("nodeA");
            foreach (var label in labels)
            {
                pod.Label(label, string.Empty);
            }

            return pod.Obj();
        }

        var normalPodA = NewPod("aaa");
        var normalPodB = NewPod("bbb");
        var normalPodAB = NewPod("aaa", "bbb");
        var nodeA = NodeOf("nodeA", ("hostname", "nodeA"));
        var onNodeA = Map((("hostname", "nodeA"), 1));

        TestCaseData Case(string name, Pod[] existingPods, PodWrapper pod, Dictionary<(string Key, string Value), long> wantAffinity, Dictionary<(string Key, string Value), long> wantAntiAffinity) =>
            new TestCaseData(existingPods, new[] { nodeA }, pod.Obj(), wantAffinity, wantAntiAffinity).SetName(name);

        yield return Case("nil test", [], St.MakePod().Name("aaa-normal"), Map(), Map());
        yield return Case("incoming pod without affinity/anti-affinity causes a no-op", [normalPodA], St.MakePod().Name("aaa-normal"), Map(), Map());
        yield return Case(
            "no pod has label that violates incoming pod's affinity and anti-affinity",
            [normalPodB],
            St.MakePod().Name("aaa-anti").PodAffinityExists("aaa", "hostname").PodAntiAffinityExists("aaa", "hostname"),
            Map(), Map());
        yield return Case(
            "existing pod matches incoming pod's affinity and anti-affinity - single term case",
            [normalPodA],
            St.MakePod().Name("affi-antiaffi").PodAffinityExists("aaa", "hostname").PodAntiAffinityExists("aaa", "hostname"),
            onNodeA, onNodeA);
        yield return Case(
            "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
            [normalPodAB],
            St.MakePod().Name("affi-antiaffi").PodAffinityExists("aaa", "hostname").PodAffinityExists("bbb", "hostname").PodAntiAffinityExists("aaa", "hostname"),
            Map((("hostname", "nodeA"), 2)), onNodeA);
        yield return Case(
            "existing pod not match incoming pod's affinity but matches anti-affinity",
            [normalPodA],
            St.MakePod().Name("affi-antiaffi").PodAffinityExists("aaa", "hostname").PodAffinityExists("bbb", "hostname")
                .PodAntiAffinityExists("aaa", "hostname").PodAntiAffinityExists("bbb", "hostname"),
            Map(), onNodeA);
        yield return Case(
            "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
            [normalPodAB],
            St.MakePod().Name("anaffi-antiaffiti").PodAffinityExists("aaa", "hostname").PodAffinityExists("ccc", "hostname")
                .PodAntiAffinityExists("aaa", "hostname").PodAntiAffinityExists("ccc", "hostname"),
            Map(), onNodeA);
        yield return Case(
            "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
            [normalPodB],
            St.MakePod().Name("affi-antiaffi").PodAffinityExists("aaa", "hostname").PodAffinityExists("bbb", "hostname")
                .PodAntiAffinityExists("aaa", "hostname").PodAntiAffinityExists("bbb", "hostname"),
            Map(), onNodeA);
    }

    [TestCaseSource(nameof(GetTPMapMatchingIncomingAffinityAntiAffinityCases))]
    public void TestGetTPMapMatchingIncomingAffinityAntiAffinity(
        Pod[] existingPods, Node[] nodes, Pod pod,
        Dictionary<(string Key, string Value), long> wantAffinity, Dictionary<(string Key, string Value), long> wantAntiAffinity)
    {
        var snapshot = SnapshotOf(nodes, existingPods);

        var (affinity, antiAffinity) = Plugin.IncomingAffinityAntiAffinityCounts(new PodInfo(pod), snapshot.NodeInfos);

        Assert.That(Map(affinity), Is.EqualTo(wantAffinity), "affinity counts");
        Assert.That(Map(antiAffinity), Is.EqualTo(wantAntiAffinity), "anti-affinity counts");
    }

    private static void AssertEqual(PreFilterState got, PreFilterState want, string message)
    {
        Assert.That(Map(got.ExistingAntiAffinityCounts), Is.EqualTo(Map(want.ExistingAntiAffinityCounts)), message + " (existingAntiAffinityCounts)");
        Assert.That(Map(got.AffinityCounts), Is.EqualTo(Map(want.AffinityCounts)), message + " (affinityCounts)");
        Assert.That(Map(got.AntiAffinityCounts), Is.EqualTo(Map(want.AntiAffinityCounts)), message + " (antiAffinityCounts)");
    }
}
