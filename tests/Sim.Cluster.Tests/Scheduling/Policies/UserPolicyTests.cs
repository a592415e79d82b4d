using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Scheduling.Policies;
using Sim.Tests.Shared;

namespace Sim.Cluster.Tests.Scheduling.Policies;

/// <summary>docs/policies.md's user policy is this file's code: the page must show it verbatim, and it must place pods as it says.</summary>
public class UserPolicyTests
{
    [Test]
    public void The_policies_page_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.DocBlock("docs/policies.md", "userpolicy");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Cluster.Tests/Scheduling/Policies/UserPolicyTests.cs", "userpolicy");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_user_policy_balances_pod_counts_where_the_default_follows_free_resources()
    {
        static Dictionary<string, int> PodsPerNode(Policy policy)
        {
            var cluster = Cluster(policy);
            cluster.AddNode("big", ResourceList.Builder().Cpu(32_000).Memory(128L << 30).Pods(110).Build());
            cluster.AddNode("small", ResourceList.Builder().Cpu(4000).Memory(16L << 30).Pods(110).Build());
            var kubectl = cluster.Client("kubectl");
            for (var i = 0; i < 6; i++)
            {
                kubectl.Create(St.MakePod().Name($"p{i}").Req(("cpu", "500m"), ("memory", "1Gi")).Obj());
            }

            cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
            var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
            Assert.That(pods.Select(p => p.Spec.NodeName), Has.All.Not.Empty);
            return pods.GroupBy(p => p.Spec.NodeName).ToDictionary(g => g.Key, g => g.Count());
        }

        Assert.That(PodsPerNode(FewestPodsPolicy), Is.EquivalentTo(new Dictionary<string, int> { ["big"] = 3, ["small"] = 3 }));
        Assert.That(PodsPerNode(PolicyTestObjects.Get("kubernetes-default")), Is.EquivalentTo(new Dictionary<string, int> { ["big"] = 6 }), "least allocated prefers the big node");
    }

    // The page shows these members as a user writes them, without the private modifiers.
#pragma warning disable IDE0040
    // readme:userpolicy
    // A score plugin: prefer nodes running fewer pods (scores must end up in 0..100).
    sealed class FewestPods : IScorePlugin
    {
        public string Name => "FewestPods";

        public long Score(CycleState state, PodInfo pod, NodeInfo node) => Math.Max(0, 100 - node.Pods.Count);
    }

    // A policy like the catalogue's heuristics: the default filters, and only FewestPods scores.
    static readonly Policy FewestPodsPolicy = new(
        "fewest-pods",
        "default filters; the node running the fewest pods",
        "my own",
        () => new SchedulerConfiguration
        {
            Profiles =
            [
                new ProfileConfig
                {
                    Plugins = new PluginsConfig
                    {
                        PreScore = new PluginSet { Disabled = ["*"] },
                        Score = new PluginSet { Enabled = [new PluginRef("FewestPods")], Disabled = ["*"] },
                    },
                },
            ],
        });

    // The catalogue's registry plus the new plugin runs user and catalogue policies alike.
    static SimulatedCluster Cluster(Policy policy)
    {
        var plugins = PolicyCatalogue.CreateRegistry().Register("FewestPods", (_, _) => new FewestPods());
        return new SimulatedCluster(seed: 1, scheduler: policy.Configuration(), plugins: plugins);
    }
    // readme:end
#pragma warning restore IDE0040
}
