using Sim.Engine.Randomness;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using FgdRandomPlugin = Sim.Scheduling.Plugins.FgdRandom.FgdRandom;

namespace Sim.Cluster.Tests.Scheduling.Plugins.FgdRandom;

public class FgdRandomTests
{
    [Test]
    public void PreScore_draws_one_feasible_node_from_the_seeded_stream_and_only_it_scores_100()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 8000, 1), GpuNode("b", 8000, 1), GpuNode("c", 8000, 1)]);
        var plugin = new FgdRandomPlugin(new FrameworkHandle(snapshot, seed: 3));
        var expected = new RandomStreams(3).Child("scheduler").For("FgdRandom");
        var pod = new PodInfo(GpuPod("p", 1000));

        for (var cycle = 0; cycle < 20; cycle++)
        {
            var state = new CycleState();
            Assert.That(plugin.PreScore(state, pod, snapshot.NodeInfos).IsSuccess, Is.True);
            var chosen = snapshot.NodeInfos[expected.Next(3)].Name;

            Assert.That(snapshot.NodeInfos.Select(n => (n.Name, plugin.Score(state, pod, n))), Is.EqualTo(snapshot.NodeInfos.Select(n => (n.Name, n.Name == chosen ? 100L : 0L))));
        }
    }

    [Test]
    public void Every_feasible_node_is_chosen_about_equally()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 8000, 1), GpuNode("b", 8000, 1), GpuNode("c", 8000, 1), GpuNode("d", 8000, 1)]);
        var plugin = new FgdRandomPlugin(new FrameworkHandle(snapshot, seed: 9));
        var pod = new PodInfo(GpuPod("p", 1000));
        var wins = snapshot.NodeInfos.ToDictionary(n => n.Name, _ => 0);

        for (var cycle = 0; cycle < 4000; cycle++)
        {
            var state = new CycleState();
            plugin.PreScore(state, pod, snapshot.NodeInfos);
            wins[snapshot.NodeInfos.Single(n => plugin.Score(state, pod, n) == 100).Name]++;
        }

        // 1000 each expected, sd ≈ 27.
        Assert.That(wins.Values, Has.All.InRange(900, 1100));
    }

    [Test]
    public void Without_prescore_no_node_scores()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 8000, 1)]);
        var plugin = new FgdRandomPlugin(new FrameworkHandle(snapshot));

        Assert.That(plugin.Score(new CycleState(), new PodInfo(GpuPod("p", 1000)), snapshot.NodeInfos[0]), Is.Zero);
        Assert.That(plugin.PreScore(new CycleState(), new PodInfo(GpuPod("p", 1000)), []).IsSkip, Is.True);
    }
}
