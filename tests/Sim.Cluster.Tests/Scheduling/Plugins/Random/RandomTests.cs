using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;
using RandomPlugin = Sim.Scheduling.Plugins.Random.Random;

namespace Sim.Cluster.Tests.Scheduling.Plugins.Random;

/// <summary>Random's scores: uniform on 0..100 and reproducible from the handle's seed.</summary>
public class RandomTests
{
    private static long[] Draw(ulong seed, int count)
    {
        var snapshot = Snapshot.Create([NodeOf("a")]);
        var plugin = new RandomPlugin(new FrameworkHandle(snapshot, seed: seed));
        var pod = Pending("p");
        return [.. Enumerable.Range(0, count).Select(_ => plugin.Score(new CycleState(), pod, snapshot.NodeInfos[0]))];
    }

    [Test]
    public void The_same_seed_draws_the_same_scores_and_another_seed_others()
    {
        var first = Draw(7, 50);

        Assert.That(Draw(7, 50), Is.EqualTo(first));
        Assert.That(Draw(8, 50), Is.Not.EqualTo(first));
    }

    [Test]
    public void Scores_cover_0_to_100_evenly()
    {
        var draws = Draw(1, 101_000);

        var counts = draws.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());

        // 101 values, 1,000 expected each; a chi-square with 100 degrees of freedom stays below 150 with p > 0.999.
        var chiSquare = Enumerable.Range(0, 101).Sum(v => Math.Pow(counts.GetValueOrDefault(v) - 1000.0, 2) / 1000.0);
        Assert.Multiple(() =>
        {
            Assert.That(draws.Min(), Is.Zero);
            Assert.That(draws.Max(), Is.EqualTo(100));
            Assert.That(chiSquare, Is.LessThan(150));
        });
    }
}
