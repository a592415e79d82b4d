using MathNet.Numerics.Distributions;
using Sim.Engine.Randomness;

namespace Sim.Engine.Tests.Randomness;

public class SimRandomTests
{
    [Test]
    public void Matches_the_reference_xoshiro256starstar_implementation()
    {
        // Outputs of Blackman and Vigna's reference C code (xoshiro256starstar.c) from state {1, 2, 3, 4}.
        var random = new SimRandom(1, 2, 3, 4);
        ulong[] expected = [11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL, 607988272756665600UL];

        var actual = expected.Select(_ => random.NextUInt64()).ToArray();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Doubles_lie_in_the_unit_interval_and_have_the_right_mean()
    {
        var random = new RandomStreams(1).For("uniform");
        var sum = 0.0;
        const int N = 1_000_000;
        for (var i = 0; i < N; i++)
        {
            var u = random.NextDouble();
            Assert.That(u, Is.GreaterThanOrEqualTo(0.0).And.LessThan(1.0));
            sum += u;
        }

        // Standard error of the mean of U(0,1) over 1e6 draws is 1/sqrt(12e6) = 2.9e-4.
        Assert.That(sum / N, Is.EqualTo(0.5).Within(5 * 2.9e-4));
    }

    [Test]
    public void Bounded_integers_are_uniform_without_modulo_bias()
    {
        // With bound 3 * 2^29, a modulo reduction of 31 random bits would make the lower third of
        // the range half again as likely as the rest.
        var random = new RandomStreams(2).For("bounded");
        const int Bound = 3 << 29;
        var lowerThird = 0;
        const int N = 300_000;
        for (var i = 0; i < N; i++)
        {
            var value = random.Next(Bound);
            Assert.That(value, Is.InRange(0, Bound - 1));
            if (value < Bound / 3)
            {
                lowerThird++;
            }
        }

        // Binomial(3e5, 1/3): sd = 258.
        Assert.That(lowerThird, Is.EqualTo(N / 3).Within(5 * 258));
    }

    [TestCase(-5, 5)]
    [TestCase(0, 1)]
    [TestCase(int.MinValue, int.MaxValue)]
    public void Ranges_respect_their_bounds(int min, int max)
    {
        var random = new RandomStreams(3).For("range");
        for (var i = 0; i < 10_000; i++)
        {
            Assert.That(random.Next(min, max), Is.GreaterThanOrEqualTo(min).And.LessThan(max));
        }
    }

    [Test]
    public void MathNet_distributions_draw_from_it_reproducibly()
    {
        var first = new Exponential(2.0, new RandomStreams(42).For("arrivals")).Samples().Take(5).ToArray();
        var second = new Exponential(2.0, new RandomStreams(42).For("arrivals")).Samples().Take(5).ToArray();
        var other = new Exponential(2.0, new RandomStreams(43).For("arrivals")).Samples().Take(5).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void Exponential_durations_have_the_requested_mean()
    {
        var random = new RandomStreams(5).For("exp");
        var mean = TimeSpan.FromSeconds(3);
        long sum = 0;
        const int N = 1_000_000;
        for (var i = 0; i < N; i++)
        {
            sum += random.Exponential(mean).Ticks;
        }

        // sd of an Exp mean over N draws = mean / sqrt(N) = 0.1 % of the mean.
        Assert.That((double)sum / N, Is.EqualTo((double)mean.Ticks).Within(5 * mean.Ticks / 1000.0));
    }
}
