namespace Sim.Experiments.Tests;

public class ShardTests
{
    [TestCase("1/1", 1, 1)]
    [TestCase("3/8", 3, 8)]
    public void K_of_n_parses(string text, int k, int n)
    {
        Assert.That(Shard.TryParse(text, out var shard, out _), Is.True);
        Assert.That(shard, Is.EqualTo(new Shard(k, n)));
    }

    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("4")]
    [TestCase("a/b")]
    [TestCase("1/0")]
    [TestCase("-1/3")]
    public void Anything_else_is_refused_with_the_expected_form(string text)
    {
        Assert.That(Shard.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo($"--shard '{text}': expected K/N with 1 <= K <= N, e.g. 2/8"));
    }

    [Test]
    public void The_shards_of_a_grid_take_every_run_exactly_once()
    {
        const int runs = 103;
        const int n = 7;
        var owners = Enumerable.Range(0, runs).Select(i => Enumerable.Range(1, n).Where(k => new Shard(k, n).Contains(i)).ToList()).ToList();

        Assert.That(owners.All(o => o.Count == 1), Is.True);
        Assert.That(owners.GroupBy(o => o[0]).Select(g => g.Count()), Is.All.InRange(runs / n, (runs / n) + 1), "balanced");
    }
}
