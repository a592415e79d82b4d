using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Tests.Shared;

namespace Sim.Cluster.Tests;

/// <summary>The README's policy example is this file's code: the README must show it verbatim, and it must steer pods.</summary>
public class ReadmePolicyExampleTests
{
    [Test]
    public void The_readme_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.ReadmeBlock("policy");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Cluster.Tests/ReadmePolicyExampleTests.cs", "policy");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_plugin_sends_pods_to_the_gold_node_that_the_default_profile_alone_would_not_prefer()
    {
        static string Place(SimulatedCluster cluster)
        {
            var plain = ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Build();
            cluster.AddNode("plain-1", plain);
            cluster.AddNode("plain-2", plain);
            cluster.AddNode("gold", ResourceList.Builder().Cpu(4000).Memory(16L << 30).Pods(110).Build(), new Dictionary<string, string> { ["tier"] = "gold" });
            cluster.Client("kubectl").Create(Scheduling.St.MakePod().Name("p").Req(("cpu", "1"), ("memory", "1Gi")).Obj());
            cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
            return cluster.Api.Get<Pod>(new("Pod", "default", "p"))!.Spec.NodeName;
        }

        Assert.That(Place(new SimulatedCluster(seed: 1)), Is.Not.EqualTo("gold"), "least allocated prefers the bigger nodes");
        Assert.That(Place(GoldPreferringCluster()), Is.EqualTo("gold"));
    }

    // The README shows these members as a user writes them, without the private modifiers.
#pragma warning disable IDE0040
    // readme:policy
    // A score plugin: prefer nodes labelled tier=gold.
    sealed class PreferGold : IScorePlugin
    {
        public string Name => "PreferGold";

        public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
            node.Node.Metadata.Labels.GetValueOrDefault("tier") == "gold" ? 100 : 0;
    }

    // Registered under a name, it is used like an in-tree plugin: here added to the default profile with weight 5.
    static SimulatedCluster GoldPreferringCluster()
    {
        var plugins = PluginRegistry.CreateDefault().Register("PreferGold", (_, _) => new PreferGold());
        var config = new SchedulerConfiguration
        {
            Profiles = [new ProfileConfig { Plugins = new PluginsConfig { MultiPoint = PluginSet.Of(new PluginRef("PreferGold", Weight: 5)) } }],
        };
        return new SimulatedCluster(seed: 1, scheduler: config, plugins: plugins);
    }
    // readme:end
#pragma warning restore IDE0040
}
