using Sim.Cli.Commands;

namespace Sim.Cli.Tests;

public class SeedRangeTests
{
    [TestCase("1..5", new ulong[] { 1, 2, 3, 4, 5 })]
    [TestCase("7", new ulong[] { 7 })]
    [TestCase("3,1,9", new ulong[] { 3, 1, 9 })]
    [TestCase(" 2 .. 3 ", new ulong[] { 2, 3 })]
    [TestCase("0..0", new ulong[] { 0 })]
    [TestCase("18446744073709551614..18446744073709551615", new ulong[] { 18446744073709551614, 18446744073709551615 })]
    public void Accepts_ranges_lists_and_single_seeds(string text, ulong[] expected)
    {
        var ok = SeedRange.TryParse(text, out var seeds, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(seeds, Is.EqualTo(expected));
        });
    }

    [TestCase("5..1", "FIRST..LAST")]
    [TestCase("a..3", "FIRST..LAST")]
    [TestCase("-1", "'-1' is not a seed")]
    [TestCase("1,,2", "'' is not a seed")]
    [TestCase("1,2,1", "seed 1 is listed twice")]
    [TestCase("1..1000000", "at most 100,000 seeds")]
    [TestCase("", "'' is not a seed")]
    public void Rejects_bad_seed_lists_naming_the_problem(string text, string expected)
    {
        var ok = SeedRange.TryParse(text, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.StartWith($"--seeds '{text}'").And.Contain(expected));
        });
    }
}
