using Sim.Engine.Randomness;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary><see cref="NodeScoring.Divide"/> against the integer division it stands in for.</summary>
public class NodeScoringTests
{
    [TestCase(0L, 1L)]
    [TestCase(99L, 100L)]
    [TestCase(100L, 100L)]
    [TestCase(400_000L, 4_000L)]
    [TestCase((1L << 52) - 1, 3L)]
    [TestCase((1L << 52) - 1, (1L << 52) - 2)]
    [TestCase(1L << 52, 7L)]
    [TestCase(long.MaxValue, 10L)]
    [TestCase(3_435_973_836_700L, 34_359_738_368L)]
    public void Divide_equals_the_integer_division_at_the_edges(long dividend, long divisor) =>
        Assert.That(NodeScoring.Divide(dividend, divisor), Is.EqualTo(dividend / divisor));

    [Test]
    public void Divide_equals_the_integer_division_on_random_operands_of_every_size()
    {
        var random = new RandomStreams(7).For("divide");
        for (var i = 0; i < 200_000; i++)
        {
            // Operands from 1 to 63 bits, and dividends near multiples of the divisor, where rounding bites.
            var divisor = (long)(random.NextUInt64() >> (1 + random.Next(63))) + 1;
            var dividend = random.Next(3) switch
            {
                0 => (long)(random.NextUInt64() >> (1 + random.Next(63))),
                1 => Math.Max(0, divisor * random.Next(1_000) - 1),
                _ => (long)Math.Min(long.MaxValue, (double)divisor * random.Next(1, 100)) - random.Next(2),
            };
            if (dividend < 0)
            {
                continue;
            }

            Assert.That(NodeScoring.Divide(dividend, divisor), Is.EqualTo(dividend / divisor), $"{dividend} / {divisor}");
        }
    }
}
