using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.LeastAllocatedTests;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// TestMostAllocatedScoringStrategy, ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/most_allocated_test.go</c>. No case is skipped.
/// </summary>
/// <remarks>
/// Upstream has two cases named "nothing scheduled, resources requested, differently sized nodes"; the
/// second carries Go's subtest suffix "#01". In "Resources not set, pods scheduled with error" PreScore
/// reports the error upstream's Score returns (see <see cref="LeastAllocatedTests"/>).
/// </remarks>
public class MostAllocatedTests
{
    private static readonly object[] Cases =
    [
        Case("nothing scheduled, nothing requested", St.MakePod().Obj(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))], [], DefaultResources, [0, 0]),
        Case("nothing scheduled, resources requested, differently sized nodes", TwoContainers(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [], DefaultResources, [62, 50]),
        Case("Resources not set, pods scheduled with error", TwoContainers(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [], [], [0, 0],
            wantPreScore: StatusCode.Error),
        Case("no resources requested, pods scheduled with resources", St.MakePod().Obj(),
            [ScoreNode("node1", ("cpu", "10000"), ("memory", "20000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "20000"))],
            [Existing("node1", "3000", "0"), Existing("node1", "3000", "0"), Existing("node2", "3000", "0"), Existing("node2", "3000", "5000")],
            DefaultResources, [30, 42]),
        Case("resources requested, pods scheduled with resources", TwoContainers(),
            [ScoreNode("node1", ("cpu", "10000"), ("memory", "20000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "20000"))],
            [Existing("node1", "3000", "0"), Existing("node2", "3000", "5000")], DefaultResources, [42, 55]),
        Case("resources requested equal node capacity", St.MakePod().Req(("cpu", "2000"), ("memory", "4000")).Req(("cpu", "3000"), ("memory", "5000")).Obj(),
            [ScoreNode("node1", ("cpu", "5000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "10000"), ("memory", "9000"))], [], DefaultResources, [95, 75]),
        Case("nothing scheduled, resources requested, differently sized nodes#01", TwoContainers(),
            [ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"))], [],
            [new("memory", 2), new("cpu", 1)], [58, 50]),
        Case("no resources requested, pods scheduled, nonzero request for resource", St.MakePod().Container(ResourceList.Empty).Obj(),
            [ScoreNode("node1", ("cpu", "250m"), ("memory", "1000Mi")), ScoreNode("node2", ("cpu", "250m"), ("memory", "1000Mi"))],
            [St.MakePod().Node("node1").Container(ResourceList.Empty).Obj(), St.MakePod().Node("node1").Container(ResourceList.Empty).Obj()],
            DefaultResources, [80, 30]),
        Case("resource with negative weight", TwoContainers(), [ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", -1), new("cpu", 1)], [], wantErrs: ["scoringStrategy.resources[0].weight: Invalid value"]),
        Case("resource with zero weight", TwoContainers(), [ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", 1), new("cpu", 0)], [], wantErrs: ["scoringStrategy.resources[1].weight: Invalid value"]),
        Case("resource weight larger than MaxNodeScore", TwoContainers(), [ScoreNode("node2", ("cpu", "4000"), ("memory", "10000"))], [],
            [new("memory", 101)], [], wantErrs: ["scoringStrategy.resources[0].weight: Invalid value"]),
        Case("bypass extended resource if the pod does not request", TwoContainers(),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4"))], [],
            ExtendedResourceSet, [50, 50]),
        Case("honor extended resource if the pod request", St.MakePod().Node("node1").Req(("cpu", "3000"), ("memory", "5000"), (ExtendedRes, "2")).Obj(),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "10"))], [],
            ExtendedResourceSet, [50, 40]),
        Case("if the node doesn't have a resource", St.MakePod().Node("node1").Req(("cpu", "3000"), ("memory", "4000")).Obj(),
            [ScoreNode("node1", ("cpu", "6000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000"), (ExtendedRes, "4"))], [],
            [new(ExtendedRes, 2), new("cpu", 1), new("memory", 1)], [45, 45]),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestMostAllocatedScoringStrategy(Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, string[] wantErrs, StatusCode wantPreScore) =>
        RunScoringStrategy(ScoringStrategyType.MostAllocated, pod, nodes, existing, resources, expected, wantErrs, wantPreScore);
}
