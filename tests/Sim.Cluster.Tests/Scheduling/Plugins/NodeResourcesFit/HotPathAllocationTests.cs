using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using Balanced = Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>Sim's own guard: Filter and Score run per node and must allocate nothing.</summary>
public class HotPathAllocationTests
{
    private static readonly object[] Strategies =
    [
        new TestCaseData(new ScoringStrategy { Type = ScoringStrategyType.LeastAllocated }).SetName("LeastAllocated"),
        new TestCaseData(new ScoringStrategy { Type = ScoringStrategyType.MostAllocated, Resources = [new("cpu", 1), new("memory", 1), new("nvidia.com/gpu", 2)] })
            .SetName("MostAllocated with a scalar resource"),
        new TestCaseData(new ScoringStrategy
        {
            Type = ScoringStrategyType.RequestedToCapacityRatio,
            RequestedToCapacityRatio = new() { Shape = [new(0, 0), new(100, 10)] },
        }).SetName("RequestedToCapacityRatio"),
    ];

    [TestCaseSource(nameof(Strategies))]
    public void Filter_and_Score_allocate_nothing_per_node(ScoringStrategy strategy)
    {
        var nodes = Enumerable.Range(0, 50)
            .Select(i => St.MakeNode().Name($"node{i}").Capacity(("cpu", "8"), ("memory", "32Gi"), ("pods", "110"), ("nvidia.com/gpu", "4")).Obj())
            .ToList();
        var existing = nodes.Select((n, i) => St.MakePod().Name($"e{i}").Node(n.Metadata.Name).Req(("cpu", "1"), ("memory", "1Gi"), ("nvidia.com/gpu", "1")).Obj());
        var snapshot = Snapshot.Create(nodes, existing);
        var pod = new PodInfo(St.MakePod().Name("p").Req(("cpu", "500m"), ("memory", "1Gi"), ("nvidia.com/gpu", "1")).Obj());
        var fit = new Fit(new NodeResourcesFitArgs { ScoringStrategy = strategy });
        var balanced = new Balanced(new NodeResourcesBalancedAllocationArgs());
        var state = new CycleState();
        Assert.That(fit.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess, Is.True);
        Assert.That(fit.PreScore(state, pod, snapshot.NodeInfos).IsSuccess, Is.True);
        Assert.That(balanced.PreScore(state, pod, snapshot.NodeInfos).IsSuccess, Is.True);

        long total = 0;
        var allFit = true;
        void RunAllNodes()
        {
            var infos = snapshot.NodeInfos;
            for (var i = 0; i < infos.Count; i++)
            {
                var node = infos[i];
                allFit &= fit.Filter(state, pod, node).IsSuccess;
                total += fit.Score(state, pod, node) + balanced.Score(state, pod, node);
            }
        }

        RunAllNodes();
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAllNodes();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(allFit, Is.True);
        Assert.That(total, Is.Positive);
    }
}
