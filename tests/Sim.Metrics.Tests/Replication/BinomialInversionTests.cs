using Sim.Engine.Randomness;
using Sim.Metrics.Replication;

namespace Sim.Metrics.Tests.Replication;

public class BinomialInversionTests
{
    [TestCase(10, 0.5)]
    [TestCase(600, 0.999)]
    [TestCase(50_000, 0.98)]
    [TestCase(2_000_000, 0.3)]
    public void Draws_have_the_binomial_mean_and_variance(long n, double p)
    {
        var random = new RandomStreams(11).For("binomial");
        const int draws = 20_000;
        var values = Enumerable.Range(0, draws).Select(_ => (double)BinomialInversion.Sample(n, p, random.NextDouble())).ToList();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (draws - 1);

        var sd = Math.Sqrt(n * p * (1 - p));
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(n * p).Within(5 * sd / Math.Sqrt(draws)));
            Assert.That(variance, Is.EqualTo(n * p * (1 - p)).Within(0.06 * n * p * (1 - p)));
            Assert.That(values, Is.All.InRange(0, n));
        });
    }

    [Test]
    public void The_same_uniform_gives_no_fewer_successes_for_a_higher_probability()
    {
        var random = new RandomStreams(5).For("u");
        for (var i = 0; i < 2_000; i++)
        {
            var u = random.NextDouble();
            var low = BinomialInversion.Sample(1_000, 0.9, u);
            var high = BinomialInversion.Sample(1_000, 0.95, u);
            Assert.That(high, Is.GreaterThanOrEqualTo(low));
        }
    }

    [Test]
    public void Edge_cases_are_exact()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BinomialInversion.Sample(0, 0.5, 0.3), Is.Zero);
            Assert.That(BinomialInversion.Sample(100, 0, 0.99), Is.Zero);
            Assert.That(BinomialInversion.Sample(100, 1, 0.0), Is.EqualTo(100));
            Assert.That(BinomialInversion.Sample(1, 0.5, 0.49), Is.Zero);
            Assert.That(BinomialInversion.Sample(1, 0.5, 0.51), Is.EqualTo(1));
        });
    }
}
