using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Balanced = Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// TestNodeResourcesBalancedAllocation, ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go</c> (v1.34+, with the
/// best-effort PreScore skip).
/// </summary>
/// <remarks>
/// Skipped: "include DRA resource on a node for balanced resource allocation" and its "if PreScore not called"
/// twin (DRA extended resources); TestBalancedAllocationSignPod (pod signatures are not modelled).
/// The pods of upstream's <c>v1.PodSpec</c> literals are unnamed; they get distinct names here.
/// </remarks>
public class BalancedAllocationTests
{
    private static readonly ResourceSpec[] DefaultSet = [new("cpu", 1), new("memory", 1)];
    private static readonly ResourceSpec[] WithGpu = [new("cpu", 1), new("memory", 1), new("nvidia.com/gpu", 1)];
    private static readonly Dictionary<string, long> ScalarResource = new() { ["nvidia.com/gpu"] = 8 };

    private static readonly object[] Cases =
    [
        Case("nothing scheduled, nothing requested, skip in PreScore", St.MakePod().Obj(),
            [MakeNode("node1", 4000, 10000), MakeNode("node2", 4000, 10000)], [], DefaultSet, [], wantPreScore: StatusCode.Skip),
        Case("nothing scheduled, resources requested, differently sized nodes", CpuAndMemory(),
            [MakeNode("node1", 4000, 10000), MakeNode("node2", 6000, 10000)], [], DefaultSet, [87, 100]),
        Case("resources requested, pods scheduled with resources", CpuAndMemory(),
            [MakeNode("node1", 10000, 20000), MakeNode("node2", 10000, 20000)], [CpuOnly(), CpuAndMemory()], DefaultSet, [82, 95]),
        Case("resources requested, pods scheduled with resources, differently sized nodes", CpuAndMemory(),
            [MakeNode("node1", 10000, 20000), MakeNode("node2", 10000, 50000)], [CpuOnly(), CpuAndMemory()], DefaultSet, [82, 80]),
        Case("requested resources at node capacity", CpuOnly(),
            [MakeNode("node1", 6000, 10000), MakeNode("node2", 6000, 10000)], [CpuOnly(), CpuAndMemory()], DefaultSet, [50, 75]),
        Case("include scalar resource on a node for balanced resource allocation", St.MakePod().Req(("memory", "0"), ("nvidia.com/gpu", "1")).Obj(),
            [MakeNode("node1", 3500, 40000, ScalarResource), MakeNode("node2", 3500, 40000, ScalarResource)], [CpuAndMemory(), CpuAndMemoryAndGpu()],
            WithGpu, [70, 65]),
        Case("node without the scalar resource should skip the scalar resource", CpuAndMemory(),
            [MakeNode("node1", 3500, 40000, ScalarResource), MakeNode("node2", 3500, 40000)], [], WithGpu, [63, 63]),
        Case("resources requested, pods scheduled with resources if PreScore not called", CpuAndMemory(),
            [MakeNode("node1", 10000, 20000), MakeNode("node2", 10000, 20000)], [CpuOnly(), CpuAndMemory()], DefaultSet, [82, 95], runPreScore: false),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestNodeResourcesBalancedAllocation(Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, bool runPreScore, StatusCode wantPreScore)
    {
        var plugin = new Balanced(new NodeResourcesBalancedAllocationArgs { Resources = [.. resources] });

        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existing, runPreScore);

        Assert.That(status.Code, Is.EqualTo(wantPreScore), "PreScore");
        if (status.IsSkip)
        {
            return;
        }

        Assert.That(scores, Is.EqualTo(expected));
    }

    [Test]
    public void Scores_a_best_effort_pod_0_when_PreScore_did_not_run()
    {
        var plugin = new Balanced(new NodeResourcesBalancedAllocationArgs());

        var (_, scores) = ScoreNodes(plugin, plugin, St.MakePod().Container(ResourceList.Empty).Obj(), [MakeNode("node1", 4000, 10000)], [], runPreScore: false);

        Assert.That(scores, Is.EqualTo(new long[] { 0 }));
    }

    // The v1.PodSpec literals of the upstream test.
    private static Pod CpuAndMemoryAndGpu() =>
        SpecPod("node1", St.Res(("cpu", "1000m"), ("memory", "2000")), St.Res(("cpu", "2000m"), ("memory", "3000"), ("nvidia.com/gpu", "3")));

    private static Pod CpuOnly() => SpecPod("node1", St.Res(("cpu", "1000m"), ("memory", "0")), St.Res(("cpu", "2000m"), ("memory", "0")));

    private static Pod CpuAndMemory() => SpecPod("node2", St.Res(("cpu", "1000m"), ("memory", "2000")), St.Res(("cpu", "2000m"), ("memory", "3000")));

    private static TestCaseData Case(
        string name, Pod pod, Node[] nodes, Pod[] existing, ResourceSpec[] resources, long[] expected, bool runPreScore = true, StatusCode wantPreScore = StatusCode.Success) =>
        new TestCaseData(pod, nodes, existing, resources, expected, runPreScore, wantPreScore).SetName(name);
}
