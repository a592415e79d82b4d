using Sim.Cluster.Objects;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// TestRequestedToCapacityRatioScoringStrategy, TestBrokenLinearFunction, TestResourceBinPackingSingleExtended and
/// TestResourceBinPackingMultipleExtended, ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio_test.go</c>. No case is skipped.
/// </summary>
public class RequestedToCapacityRatioTests
{
    private static readonly Dictionary<string, long> ExtendedResource1 = new() { ["intel.com/foo"] = 4 };
    private static readonly Dictionary<string, long> ExtendedResource2 = new() { ["intel.com/foo"] = 8 };
    private static readonly Dictionary<string, long> ExtendedResources1 = new() { ["intel.com/foo"] = 4, ["intel.com/bar"] = 8 };
    private static readonly Dictionary<string, long> ExtendedResources2 = new() { ["intel.com/foo"] = 8, ["intel.com/bar"] = 4 };

    private static readonly object[] ScoringStrategyCases =
    [
        new TestCaseData(
            St.MakePod().Obj(),
            new[] { ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "4000"), ("memory", "10000")) },
            new[] { St.MakePod().Node("node1").Obj(), St.MakePod().Node("node1").Obj() },
            new long[] { 100, 100 }).SetName("nothing scheduled, nothing requested (default - least requested nodes have priority)"),
        new TestCaseData(
            St.MakePod().Req(("cpu", "1000"), ("memory", "2000")).Req(("cpu", "2000"), ("memory", "3000")).Obj(),
            new[] { ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000")) },
            new[] { St.MakePod().Node("node1").Obj(), St.MakePod().Node("node1").Obj() },
            new long[] { 38, 50 }).SetName("nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)"),
        new TestCaseData(
            St.MakePod().Obj(),
            new[] { ScoreNode("node1", ("cpu", "4000"), ("memory", "10000")), ScoreNode("node2", ("cpu", "6000"), ("memory", "10000")) },
            new[]
            {
                St.MakePod().Node("node1").Req(("cpu", "3000"), ("memory", "5000")).Obj(),
                St.MakePod().Node("node2").Req(("cpu", "3000"), ("memory", "5000")).Obj(),
            },
            new long[] { 38, 50 }).SetName("no resources requested, pods scheduled with resources (default - least requested nodes have priority)"),
    ];

    private static readonly object[] BrokenLinearFunctionCases =
    [
        new TestCaseData(
            new[] { (10L, 1L), (90L, 9L) },
            new[] { (-10L, 1L), (0L, 1L), (9L, 1L), (10L, 1L), (15L, 1L), (19L, 1L), (20L, 2L), (89L, 8L), (90L, 9L), (99L, 9L), (100L, 9L), (110L, 9L) })
            .SetName("case_0"),
        new TestCaseData(
            new[] { (0L, 2L), (40L, 10L), (100L, 0L) },
            new[] { (-10L, 2L), (0L, 2L), (20L, 6L), (30L, 8L), (40L, 10L), (70L, 5L), (100L, 0L), (110L, 0L) })
            .SetName("case_1"),
        new TestCaseData(
            new[] { (0L, 2L), (40L, 2L), (100L, 2L) },
            new[] { (-10L, 2L), (0L, 2L), (20L, 2L), (30L, 2L), (40L, 2L), (70L, 2L), (100L, 2L), (110L, 2L) })
            .SetName("case_2"),
    ];

    private static readonly object[] SingleExtendedCases =
    [
        BinPacking("nothing scheduled, nothing requested", St.MakePod().Obj(), ExtendedResource2, ExtendedResource1, [], 0, 0),
        BinPacking("resources requested, pods scheduled with less resources", St.MakePod().Req(("intel.com/foo", "2")).Obj(),
            ExtendedResource2, ExtendedResource1, [St.MakePod().Obj()], 2, 5),
        BinPacking("resources requested, pods scheduled with resources, on node with existing pod running ", St.MakePod().Req(("intel.com/foo", "2")).Obj(),
            ExtendedResource2, ExtendedResource1, [St.MakePod().Req(("intel.com/foo", "2")).Node("node2").Obj()], 2, 10),
        BinPacking("resources requested, pods scheduled with more resources", St.MakePod().Req(("intel.com/foo", "4")).Obj(),
            ExtendedResource2, ExtendedResource1, [St.MakePod().Obj()], 5, 10),
    ];

    private static readonly object[] MultipleExtendedCases =
    [
        BinPacking("nothing scheduled, nothing requested", St.MakePod().Obj(), ExtendedResources2, ExtendedResources1, [], 0, 0),
        BinPacking("resources requested, pods scheduled with less resources", St.MakePod().Req(("intel.com/foo", "2"), ("intel.com/bar", "2")).Obj(),
            ExtendedResources2, ExtendedResources1, [St.MakePod().Obj()], 4, 3),
        BinPacking("resources requested, pods scheduled with resources, on node with existing pod running ",
            St.MakePod().Req(("intel.com/foo", "2"), ("intel.com/bar", "2")).Obj(), ExtendedResources2, ExtendedResources1,
            [St.MakePod().Req(("intel.com/foo", "4"), ("intel.com/bar", "2")).Node("node2").Obj()], 4, 7),
        BinPacking("resources requested, pods scheduled with more resources", St.MakePod().Req(("intel.com/foo", "4"), ("intel.com/bar", "2")).Obj(),
            ExtendedResources2, ExtendedResources1, [St.MakePod().Obj()], 5, 5),
    ];

    [TestCaseSource(nameof(ScoringStrategyCases))]
    public void TestRequestedToCapacityRatioScoringStrategy(Pod pod, Node[] nodes, Pod[] existing, long[] expected)
    {
        var plugin = new Fit(Args(DefaultResources, (0, 10), (100, 0)));

        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existing);

        Assert.That(status.IsSuccess, Is.True, "PreScore");
        Assert.That(scores, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(BrokenLinearFunctionCases))]
    public void TestBrokenLinearFunction((long Utilization, long Score)[] points, (long P, long Expected)[] assertions)
    {
        var shape = points.Select(p => new FunctionShapePoint(p.Utilization, p.Score)).ToArray();

        Assert.That(assertions.Select(a => BrokenLinearFunction.Evaluate(shape, a.P)), Is.EqualTo(assertions.Select(a => a.Expected)));
    }

    [TestCaseSource(nameof(SingleExtendedCases))]
    public void TestResourceBinPackingSingleExtended(Pod pod, Node[] nodes, Pod[] existing, long[] expected)
    {
        var plugin = new Fit(Args([new("intel.com/foo", 1)], (0, 0), (100, 1)));

        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existing);

        Assert.That(status.IsSuccess, Is.True, "PreScore");
        Assert.That(scores, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(MultipleExtendedCases))]
    public void TestResourceBinPackingMultipleExtended(Pod pod, Node[] nodes, Pod[] existing, long[] expected)
    {
        var plugin = new Fit(Args([new("intel.com/foo", 3), new("intel.com/bar", 5)], (0, 0), (100, 1)));

        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existing);

        Assert.That(status.IsSuccess, Is.True, "PreScore");
        Assert.That(scores, Is.EqualTo(expected));
    }

    private static NodeResourcesFitArgs Args(ResourceSpec[] resources, params (int Utilization, int Score)[] shape) => new()
    {
        ScoringStrategy = new()
        {
            Type = ScoringStrategyType.RequestedToCapacityRatio,
            Resources = [.. resources],
            RequestedToCapacityRatio = new() { Shape = [.. shape.Select(p => new UtilizationShapePoint(p.Utilization, p.Score))] },
        },
    };

    private static TestCaseData BinPacking(
        string name, Pod pod, Dictionary<string, long> node1, Dictionary<string, long> node2, Pod[] existing, params long[] expected) =>
        new TestCaseData(
            pod,
            new[] { MakeNode("node1", 4000, 10000L * 1024 * 1024, node1), MakeNode("node2", 4000, 10000L * 1024 * 1024, node2) },
            existing,
            expected).SetName(name);
}
