using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using static Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity.IpaTest;

namespace Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Ported from upstream's <c>pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go</c>
/// (TestPreferredAffinity, TestPreferredAffinityWithHardPodAffinitySymmetricWeight).
/// </summary>
/// <remarks>
/// Skipped cases of TestPreferredAffinity:
/// <list type="bullet">
/// <item>"Affinity symmetry with namespace selector", "AntiAffinity symmetry with namespace selector", and the
/// four cases named "Affinity with pods matching NamespaceSelector" / "Affinity with pods matching both
/// NamespaceSelector and Namespaces fields" (two of each name, affinity and anti-affinity): namespace
/// selectors and namespace labels are not modelled.</item>
/// <item>"invalid Affinity fails PreScore" and "invalid AntiAffinity fails PreScore": Sim validates label
/// selectors when they are built, so a pod cannot carry the invalid value <c>{{.bad-value.}}</c>.</item>
/// </list>
/// Skipped case of TestPreferredAffinityWithHardPodAffinitySymmetricWeight: "with matching NamespaceSelector"
/// (namespace selectors are not modelled). Upstream's term there names the namespaces "" and
/// "subteam2.team2" and also has a namespace selector for team1; our term names "default" (our "") and
/// "subteam2.team2" and has no selector. The ported cases do not depend on the selector: their incoming pods
/// are in a named namespace or in a team2 namespace the selector does not pick.
/// </remarks>
public class InterPodAffinityScoringTests
{
    private static readonly Dictionary<string, string> PodLabelSecurityS1 = LabelMap(("security", "S1"));
    private static readonly Dictionary<string, string> PodLabelSecurityS2 = LabelMap(("security", "S2"));
    private static readonly (string, string)[] LabelRgChina = [("region", "China")];
    private static readonly (string, string)[] LabelRgIndia = [("region", "India")];
    private static readonly (string, string)[] LabelAzAz1 = [("az", "az1")];
    private static readonly (string, string)[] LabelAzAz2 = [("az", "az2")];
    private static readonly (string, string)[] LabelRgChinaAzAz1 = [("region", "China"), ("az", "az1")];

    private static IEnumerable<TestCaseData> PreferredAffinityCases()
    {
        // Preferred pod affinity only.
        static PodWrapper StayWithS1InRegion(PodWrapper p) => p.PreferredPodAffinity(5, "region", "security in (S1)");
        static PodWrapper StayWithS2InRegion(PodWrapper p) => p.PreferredPodAffinity(6, "region", "security in (S2)");
        static PodWrapper Affinity3(PodWrapper p) => p
            .PreferredPodAffinity(8, "region", "security notin (S1),security in (S2)")
            .PreferredPodAffinity(2, "region", "security,!wrongkey");
        static PodWrapper HardAffinity(PodWrapper p) => p
            .PodAffinity("region", "security in (S1,value2)")
            .PodAffinity("region", "security,!wrongkey");
        static PodWrapper AwayFromS1InAz(PodWrapper p) => p.PreferredPodAntiAffinity(5, "az", "security in (S1)");

        // To stay away from security S2 in any az.
        static PodWrapper AwayFromS2InAz(PodWrapper p) => p.PreferredPodAntiAffinity(5, "az", "security in (S2)");

        // To stay with security S1 in the same region, and away from security S2 in any az.
        static PodWrapper StayWithS1InRegionAwayFromS2InAz(PodWrapper p) => p
            .PreferredPodAffinity(8, "region", "security in (S1)")
            .PreferredPodAntiAffinity(5, "az", "security in (S2)");

        static PodWrapper Pod(string node, Dictionary<string, string>? labels = null) =>
            labels is null ? St.MakePod().Node(node) : St.MakePod().Node(node).Labels(labels);

        static TestCaseData Case(string name, PodWrapper pod, Pod[] pods, Node[] nodes, (string Name, long Score)[] expected, bool ignorePreferredTermsOfExistingPods = false, StatusCode wantStatus = StatusCode.Success) =>
            new TestCaseData(pod.Obj(), pods, nodes, expected, ignorePreferredTermsOfExistingPods, wantStatus).SetName(name);

        yield return Case(
            "all nodes are same priority as Affinity is nil",
            St.MakePod().Labels(PodLabelSecurityS1),
            [],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)],
            [],
            wantStatus: StatusCode.Skip);

        // The node (node1) that has the label {"region": "China"} (matches the topology key) and existing pods
        // that match the selector gets a high score; node3 lacks the topology key, node2 has pods that do not match.
        yield return Case(
            "Affinity: pod that matches topology key & pods in nodes will get high score comparing to others" +
                "which doesn't match either pods in nodes or in topology key",
            StayWithS1InRegion(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS2).Obj(), Pod("node3", PodLabelSecurityS1).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)],
            [("node1", 100), ("node2", 0), ("node3", 0)]);

        // node2 has the same topology key and value as node1, which holds a matching pod: same high score.
        yield return Case(
            "All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
            StayWithS1InRegion(St.MakePod()),
            [Pod("node1", PodLabelSecurityS1).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgChinaAzAz1), NodeOf("node3", LabelRgIndia)],
            [("node1", 100), ("node2", 100), ("node3", 0)]);

        // Two regions, both with matching pods; the region with more of them scores higher, all its nodes alike.
        yield return Case(
            "Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score",
            StayWithS2InRegion(St.MakePod().Labels(PodLabelSecurityS1)),
            [
                Pod("node1", PodLabelSecurityS2).Obj(), Pod("node1", PodLabelSecurityS2).Obj(), Pod("node2", PodLabelSecurityS2).Obj(),
                Pod("node3", PodLabelSecurityS2).Obj(), Pod("node4", PodLabelSecurityS2).Obj(), Pod("node5", PodLabelSecurityS2).Obj(),
            ],
            [
                NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelRgChina),
                NodeOf("node4", LabelRgChina), NodeOf("node5", LabelRgIndia),
            ],
            [("node1", 100), ("node2", 0), ("node3", 100), ("node4", 100), ("node5", 0)]);

        // Different operators and values, including some match failures.
        yield return Case(
            "Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ",
            Affinity3(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS2).Obj(), Pod("node3", PodLabelSecurityS1).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)],
            [("node1", 20), ("node2", 100), ("node3", 0)]);

        // Symmetry: the existing pods have the preference and the pod to schedule satisfies it.
        yield return Case(
            "Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
            St.MakePod().Labels(PodLabelSecurityS2),
            [StayWithS1InRegion(Pod("node1", PodLabelSecurityS1)).Obj(), StayWithS2InRegion(Pod("node2", PodLabelSecurityS2)).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)],
            [("node1", 0), ("node2", 100), ("node3", 0)]);
        yield return Case(
            "Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
            St.MakePod().Labels(PodLabelSecurityS1),
            [HardAffinity(Pod("node1", PodLabelSecurityS1)).Obj(), HardAffinity(Pod("node2", PodLabelSecurityS2)).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)],
            [("node1", 100), ("node2", 100), ("node3", 0)]);

        // The pod prefers to stay away from some existing pods at node level (preferred anti-affinity).
        yield return Case(
            "Anti Affinity: pod that does not match existing pods in node will get high score ",
            AwayFromS1InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS2).Obj()],
            [NodeOf("node1", LabelAzAz1), NodeOf("node2", LabelRgChina)],
            [("node1", 0), ("node2", 100)]);
        yield return Case(
            "Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ",
            AwayFromS1InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS1).Obj()],
            [NodeOf("node1", LabelAzAz1), NodeOf("node2", LabelRgChina)],
            [("node1", 0), ("node2", 100)]);
        yield return Case(
            "Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score",
            AwayFromS1InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS2).Obj()],
            [NodeOf("node1", LabelAzAz1), NodeOf("node2", LabelRgIndia)],
            [("node1", 0), ("node2", 100)]);

        // Symmetry for anti-affinity.
        yield return Case(
            "Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score",
            St.MakePod().Labels(PodLabelSecurityS2),
            [AwayFromS2InAz(Pod("node1", PodLabelSecurityS1)).Obj(), AwayFromS1InAz(Pod("node2", PodLabelSecurityS2)).Obj()],
            [NodeOf("node1", LabelAzAz1), NodeOf("node2", LabelAzAz2)],
            [("node1", 0), ("node2", 100)]);

        // Both affinity and anti-affinity.
        yield return Case(
            "Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity",
            StayWithS1InRegionAwayFromS2InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS1).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelAzAz1)],
            [("node1", 100), ("node2", 0)]);

        // The pod and the existing pods have the same labels (one RC or service): together in a region, apart
        // on nodes. node1, node3 and node4 are in China, node2 and node5 in India.
        yield return Case(
            "Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels",
            StayWithS1InRegionAwayFromS2InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [
                Pod("node1", PodLabelSecurityS1).Obj(), Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS1).Obj(),
                Pod("node3", PodLabelSecurityS1).Obj(), Pod("node3", PodLabelSecurityS1).Obj(), Pod("node4", PodLabelSecurityS1).Obj(),
                Pod("node5", PodLabelSecurityS1).Obj(),
            ],
            [
                NodeOf("node1", LabelRgChinaAzAz1), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelRgChina),
                NodeOf("node4", LabelRgChina), NodeOf("node5", LabelRgIndia),
            ],
            [("node1", 100), ("node2", 0), ("node3", 100), ("node4", 100), ("node5", 0)]);

        // Affinity, anti-affinity and symmetry together. Affinity weights 8, 0, 0, 0; anti-affinity 0, -5, 0, 0;
        // affinity symmetry 0, 0, 8, 0; anti-affinity symmetry 0, 0, 0, -5.
        yield return Case(
            "Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry",
            StayWithS1InRegionAwayFromS2InAz(St.MakePod().Labels(PodLabelSecurityS1)),
            [
                Pod("node1", PodLabelSecurityS1).Obj(), Pod("node2", PodLabelSecurityS2).Obj(),
                StayWithS1InRegionAwayFromS2InAz(Pod("node3")).Obj(), AwayFromS1InAz(Pod("node4")).Obj(),
            ],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelAzAz1), NodeOf("node3", LabelRgIndia), NodeOf("node4", LabelAzAz2)],
            [("node1", 100), ("node2", 0), ("node3", 100), ("node4", 0)]);

        // https://github.com/kubernetes/kubernetes/issues/82796: some nodes of a topology have no pods with
        // affinity while others do, and the incoming pod has no affinity.
        yield return Case(
            "Avoid panic when partial nodes in a topology don't have pods with affinity",
            St.MakePod().Labels(PodLabelSecurityS1),
            [Pod("node1", PodLabelSecurityS1).Obj(), StayWithS1InRegionAwayFromS2InAz(Pod("node2")).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgChina)],
            [("node1", 0), ("node2", 0)]);
        yield return Case(
            "Ignore preferred terms of existing pods",
            St.MakePod().Labels(PodLabelSecurityS2),
            [StayWithS1InRegionAwayFromS2InAz(Pod("node1", PodLabelSecurityS1)).Obj(), StayWithS2InRegion(Pod("node2", PodLabelSecurityS2)).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia)],
            [("node1", 0), ("node2", 0)],
            ignorePreferredTermsOfExistingPods: true,
            wantStatus: StatusCode.Skip);
        yield return Case(
            "Do not ignore preferred terms of existing pods",
            St.MakePod().Labels(PodLabelSecurityS2),
            [StayWithS1InRegionAwayFromS2InAz(Pod("node1", PodLabelSecurityS1)).Obj(), StayWithS2InRegion(Pod("node2", PodLabelSecurityS2)).Obj()],
            [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia)],
            [("node1", 0), ("node2", 100)],
            ignorePreferredTermsOfExistingPods: false);
        yield return Case(
            "No nodes to score",
            St.MakePod().Labels(PodLabelSecurityS2),
            [],
            [],
            [],
            wantStatus: StatusCode.Skip);
    }

    [TestCaseSource(nameof(PreferredAffinityCases))]
    public void TestPreferredAffinity(Pod pod, Pod[] pods, Node[] nodes, (string Name, long Score)[] expected, bool ignorePreferredTermsOfExistingPods, StatusCode wantStatus)
    {
        var args = new InterPodAffinityArgs { HardPodAffinityWeight = 1, IgnorePreferredTermsOfExistingPods = ignorePreferredTermsOfExistingPods };

        var got = PreScoreAndScore(pod, pods, nodes, args, out var status);

        Assert.That(status.Code, Is.EqualTo(wantStatus), "PreScore status");
        if (status.IsSuccess)
        {
            Assert.That(got, Is.EqualTo(expected), "normalized scores");
        }
    }

    private static IEnumerable<TestCaseData> HardPodAffinitySymmetricWeightCases()
    {
        var podLabelServiceS1 = LabelMap(("service", "S1"));
        static PodWrapper HardPodAffinity(PodWrapper p) => p.PodAffinity("region", "service in (S1)", "default", "subteam2.team2");
        Pod[] pods = [HardPodAffinity(St.MakePod().Node("node1")).Obj(), HardPodAffinity(St.MakePod().Node("node2")).Obj()];
        Node[] nodes = [NodeOf("node1", LabelRgChina), NodeOf("node2", LabelRgIndia), NodeOf("node3", LabelAzAz1)];

        TestCaseData Case(string name, PodWrapper pod, int hardPodAffinityWeight, (string Name, long Score)[] expected, StatusCode wantStatus = StatusCode.Success) =>
            new TestCaseData(pod.Obj(), pods, nodes, hardPodAffinityWeight, expected, wantStatus).SetName(name);

        yield return Case("with default weight", St.MakePod().Labels(podLabelServiceS1), 1, [("node1", 100), ("node2", 100), ("node3", 0)]);
        yield return Case("with zero weight", St.MakePod().Labels(podLabelServiceS1), 0, [], StatusCode.Skip);
        yield return Case("with no matching namespace", St.MakePod().Namespace("subteam1.team2").Labels(podLabelServiceS1), 1, [], StatusCode.Skip);
        yield return Case("with matching Namespaces", St.MakePod().Namespace("subteam2.team2").Labels(podLabelServiceS1), 1, [("node1", 100), ("node2", 100), ("node3", 0)]);
    }

    [TestCaseSource(nameof(HardPodAffinitySymmetricWeightCases))]
    public void TestPreferredAffinityWithHardPodAffinitySymmetricWeight(Pod pod, Pod[] pods, Node[] nodes, int hardPodAffinityWeight, (string Name, long Score)[] expected, StatusCode wantStatus)
    {
        var args = new InterPodAffinityArgs { HardPodAffinityWeight = hardPodAffinityWeight };

        var got = PreScoreAndScore(pod, pods, nodes, args, out var status);

        Assert.That(status.Code, Is.EqualTo(wantStatus), "PreScore status");
        if (status.IsSuccess)
        {
            Assert.That(got, Is.EqualTo(expected), "normalized scores");
        }
    }

    // PreScore, then Score on every node in the test's order and NormalizeScore, as upstream's test loop.
    private static (string Name, long Score)[] PreScoreAndScore(Pod pod, Pod[] pods, Node[] nodes, InterPodAffinityArgs args, out Status status)
    {
        var snapshot = SnapshotOf(nodes, pods);
        var plugin = NewPlugin(snapshot, args);
        var state = new CycleState();
        var podInfo = new PodInfo(pod);
        var nodeInfos = nodes.Select(n => new NodeInfo(n)).ToArray();

        status = plugin.PreScore(state, podInfo, nodeInfos);
        if (!status.IsSuccess)
        {
            return [];
        }

        var scores = nodes.Select(n => new NodeScore(n.Metadata.Name, plugin.Score(state, podInfo, snapshot.Get(n.Metadata.Name)!))).ToArray();
        var normalized = plugin.NormalizeScore(state, podInfo, scores);
        Assert.That(normalized.IsSuccess, Is.True, $"unexpected error from NormalizeScore: {normalized}");
        return [.. scores.Select(s => (s.Name, s.Score))];
    }
}
