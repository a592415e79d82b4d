using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using Balanced = Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Sim's own: NodeResourcesFit and BalancedAllocation hand the last pod's PreFilter and PreScore requests
/// out again while consecutive pods request the same; every pod must still be filtered and scored by its own.
/// </summary>
public class RequestReuseTests
{
    [Test]
    public void Consecutive_pods_get_their_own_requests_whether_or_not_they_are_reused()
    {
        var nodes = Enumerable.Range(0, 8)
            .Select(i => St.MakeNode().Name($"node{i}").Capacity(("cpu", $"{1 + i}"), ("memory", $"{2 + i}Gi"), ("pods", "110"), ("example.com/gpu", $"{i % 3}")).Obj())
            .ToList();
        var existing = nodes.Select((n, i) => St.MakePod().Name($"e{i}").Node(n.Metadata.Name).Req(("cpu", $"{100 * i}m"), ("memory", $"{300 * i}Mi")).Obj());
        var snapshot = Snapshot.Create(nodes, existing);
        var fit = new Fit(new NodeResourcesFitArgs { ScoringStrategy = new ScoringStrategy { Type = ScoringStrategyType.MostAllocated, Resources = [new("cpu", 1), new("memory", 1), new("example.com/gpu", 2)] } });
        var balanced = new Balanced(new NodeResourcesBalancedAllocationArgs());
        PodInfo Pod(string name, params (string, string)[] requests) => new(St.MakePod().Name(name).Req(requests).Obj());
        var pods = new[]
        {
            Pod("a1", ("cpu", "1500m"), ("memory", "1Gi")),
            Pod("a2", ("cpu", "1500m"), ("memory", "1Gi")),
            Pod("b", ("cpu", "3"), ("memory", "1Gi")),
            Pod("a3", ("cpu", "1500m"), ("memory", "1Gi")),
            Pod("gpu", ("cpu", "1500m"), ("memory", "1Gi"), ("example.com/gpu", "2")),
            Pod("none"),
            Pod("a4", ("cpu", "1500m"), ("memory", "1Gi")),
            Pod("a5", ("cpu", "1500m"), ("memory", "1Gi")),
        };

        object? previous = null;
        var reused = new List<string>();
        foreach (var pod in pods)
        {
            var state = new CycleState();
            Assert.That(fit.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess, Is.True);
            var fitPreScore = fit.PreScore(state, pod, snapshot.NodeInfos);
            var balancedPreScore = balanced.PreScore(state, pod, snapshot.NodeInfos);
            var request = Fit.PreFilterState(state);
            if (ReferenceEquals(request, previous))
            {
                reused.Add(pod.Pod.Metadata.Name);
            }

            previous = request;

            // A fresh plugin's PreFilter, and Score without PreScore (which computes the pod's requests itself).
            var fresh = new Fit(new NodeResourcesFitArgs { ScoringStrategy = new ScoringStrategy { Type = ScoringStrategyType.MostAllocated, Resources = [new("cpu", 1), new("memory", 1), new("example.com/gpu", 2)] } });
            var freshState = new CycleState();
            fresh.PreFilter(freshState, pod, snapshot.NodeInfos, out _);
            foreach (var node in snapshot.NodeInfos)
            {
                var where = $"{pod.Pod.Metadata.Name} on {node.Name}";
                Assert.That(fit.Filter(state, pod, node), Is.EqualTo(fresh.Filter(freshState, pod, node)), where);
                Assert.That(fit.Score(state, pod, node), Is.EqualTo(fit.Score(new CycleState(), pod, node)), where);
                if (balancedPreScore.IsSuccess)
                {
                    Assert.That(balanced.Score(state, pod, node), Is.EqualTo(balanced.Score(new CycleState(), pod, node)), where);
                }
            }

            Assert.That(fitPreScore.IsSuccess, Is.True);
            Assert.That(balancedPreScore.IsSkip, Is.EqualTo(pod.Pod.Metadata.Name == "none"), "BalancedAllocation skips a pod that requests nothing");
        }

        Assert.That(reused, Is.EqualTo(new[] { "a2", "a5" }), "equal requests right after each other are shared");
    }
}
