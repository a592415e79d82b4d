using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// TestLeastAllocatedScoringStrategy, ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go</c>. No case is skipped.
/// </summary>
/// <remarks>
/// Adaptation: in "Resources not set, pods scheduled with error" upstream's Score fails with an error
/// and scores 0; Sim's Score returns a plain number, so PreScore reports the error and Score gives 0.
/// </remarks>
public class LeastAllocatedTests
{
    private static readonly object[] Cases =
    [
        Case("nothing scheduled, nothing requested", St.MakePod().Obj(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))], [], DefaultResources, [100, 100]),
        Case("nothing scheduled, resources requested, differently sized nodes", TwoContainers(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [], DefaultResources, [37, 50]),
        Case("Resources not set, pods scheduled with error", TwoContainers(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [], [], [0, 0],
            wantPreScore: StatusCode.Error),
        Case("no resources requested, pods scheduled", St.MakePod().Obj(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))],
            [St.MakePod().Node("node1").Obj(), St.MakePod().Node("node1").Obj(), St.MakePod().Node("node2").Obj(), St.MakePod().Node("node2").Obj()],
            DefaultResources, [100, 100]),
        Case("no resources requested, pods scheduled with resources", St.MakePod().Obj(),
            [ScoreNode("node1", ("cpu", "10000"), ("memory", "20000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "20000"))],
            [Existing("node1", "3000", "0"), Existing("node1", "3000", "0"), Existing("node2", "3000", "0"), Existing("node2", "3000", "5000")],
            DefaultResources, [70, 57]),
        Case("resources requested, pods scheduled with resources", TwoContainers(),
            [ScoreNode("node1", ("cpu", "10000"), ("memory", "20000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "20000"))],
            [Existing("node1", "3000", "0"), Existing("node2", "3000", "5000")], DefaultResources, [57, 45]),
        Case("resources requested, pods scheduled with resources, differently sized nodes", TwoContainers(),
            [ScoreNode("node1", ("cpu", "10000"), ("memory", "20000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "50000"))],
            [Existing("node1", "3000", "0"), Existing("node2", "3000", "5000")], DefaultResources, [57, 60]),
        Case("requested resources exceed node capacity", St.MakePod().Req(("cpu", "3000"), ("memory", "0")).Obj(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))],
            [Existing("node1", "3000", "0"), Existing("node2", "3000", "5000")], DefaultResources, [50, 25]),
        Case("zero node resources, pods scheduled with resources", St.MakePod().Obj(), [ScoreNode("node1"), ScoreNode("node2")],
            [Existing("node1", "3000", "0"), Existing("node2", "3000", "5000")], DefaultResources, [0, 0]),
        Case("nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes", TwoContainers("node1"),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [],
            [new("memory", 2), new("cpu", 1)], [41, 50]),
        Case("resource with negative weight", TwoContainers("node1"), [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", -1), new("cpu", 1)], [], wantErrs: ["scoringStrategy.resources[0].weight: Invalid value"]),
        Case("resource with zero weight", TwoContainers("node1"), [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", 1), new("cpu", 0)], [41, 50], wantErrs: ["scoringStrategy.resources[1].weight: Invalid value"]),
        Case("resource weight larger than MaxNodeScore", TwoContainers("node1"), [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", 1), new("cpu", 101)], [], wantErrs: ["scoringStrategy.resources[1].weight: Invalid value"]),
        Case("bypass extended resource if the pod does not request", TwoContainers("node1"),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4"))], [],
            ExtendedResourceSet, [50, 50]),
        Case("honor extended resource if the pod requests", St.MakePod().Node("node1").Req(("cpu", "3000"), ("memory", "5000"), (ExtendedRes, "2")).Obj(),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "10"))], [],
            ExtendedResourceSet, [50, 60]),
        Case("if the node doesn't have a resource", St.MakePod().Node("node1").Req(("cpu", "3000"), ("memory", "4000")).Obj(),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4"))], [],
            [new(ExtendedRes, 2), new("cpu", 1), new("memory", 1)], [55, 55]),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestLeastAllocatedScoringStrategy(Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, string[] wantErrs, StatusCode wantPreScore) =>
        RunScoringStrategy(ScoringStrategyType.LeastAllocated, pod, nodes, existing, resources, expected, wantErrs, wantPreScore);

    /// <summary>The loop of upstream's least/most allocated tests: build (or fail to), PreScore, Score every node.</summary>
    internal static void RunScoringStrategy(
        string type, Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, string[] wantErrs, StatusCode wantPreScore)
    {
        var args = new NodeResourcesFitArgs { ScoringStrategy = new() { Type = type, Resources = [.. resources] } };
        if (wantErrs.Length != 0)
        {
            Assert.That(FieldsAndTypes(args.Validate(string.Empty)), Is.EqualTo(wantErrs));
            var error = Assert.Throws<SchedulerConfigException>(() => _ = new Fit(args));
            Assert.That(error!.Message, Does.Contain(wantErrs[0]));
            return;
        }

        var plugin = new Fit(args);
        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existing);

        Assert.That(status.Code, Is.EqualTo(wantPreScore), "PreScore");
        Assert.That(scores, Is.EqualTo(expected));
    }

    /// <summary>The requested pod most cases use: containers of (1000, 2000) and (2000, 3000) cpu and memory.</summary>
    internal static Pod TwoContainers(string? node = null)
    {
        var pod = St.MakePod();
        if (node is not null)
        {
            pod.Node(node);
        }

        return pod.Req(("cpu", "1000"), ("memory", "2000")).Req(("cpu", "2000"), ("memory", "3000")).Obj();
    }

    internal static Pod Existing(string node, string cpu, string memory) => St.MakePod().Node(node).Req(("cpu", cpu), ("memory", memory)).Obj();

    internal static TestCaseData Case(
        string name, Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, string[]? wantErrs = null,
        StatusCode wantPreScore = StatusCode.Success) =>
        new TestCaseData(pod, nodes, existing, resources, expected, wantErrs ?? [], wantPreScore).SetName(name);
}
