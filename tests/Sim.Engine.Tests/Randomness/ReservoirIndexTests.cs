using Sim.Engine.Randomness;

namespace Sim.Engine.Tests.Randomness;

/// <summary><see cref="SimRandom.ReservoirIndex"/> against reservoir sampling drawn with <see cref="SimRandom.Next(int)"/>.</summary>
public class ReservoirIndexTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(17)]
    [TestCase(500)]
    [TestCase(10_000)]
    public void Keeps_the_candidate_and_leaves_the_generator_as_drawing_one_by_one_does(int count)
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var reference = new RandomStreams(seed).For("reservoir");
            var batched = new RandomStreams(seed).For("reservoir");
            var kept = 0;
            for (var c = 2; c <= count; c++)
            {
                if (reference.Next(c) == 0)
                {
                    kept = c - 1;
                }
            }

            Assert.That(batched.ReservoirIndex(count), Is.EqualTo(kept), $"seed {seed}");
            Assert.That(batched.NextUInt64(), Is.EqualTo(reference.NextUInt64()), $"the generator's next value, seed {seed}");
        }
    }

    [Test]
    public void Every_candidate_is_kept_about_equally_often()
    {
        var random = new RandomStreams(3).For("reservoir");
        var counts = new int[5];
        for (var i = 0; i < 50_000; i++)
        {
            counts[random.ReservoirIndex(5)]++;
        }

        Assert.That(counts, Has.All.InRange(9_500, 10_500));
    }
}
