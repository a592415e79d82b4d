using MathNet.Numerics;
using Sim.Engine.Randomness;

namespace Sim.Workloads.Tests;

/// <summary>Each distribution's sample mean (and spread) agrees with its stated parameters.</summary>
public class DistributionTests
{
    private const int Samples = 200_000;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("constant", Distribution.Constant(7.5), sd: 0);
        yield return Case("uniform", Distribution.Uniform(2, 10), sd: 8 / Math.Sqrt(12));
        yield return Case("exponential", Distribution.Exponential(60), sd: 60);
        yield return Case("lognormal", Distribution.LogNormal(1, 0.5), sd: Math.Sqrt(Math.Exp(0.25) - 1) * Math.Exp(1 + 0.125));
        yield return Case("lognormal from mean", Distribution.LogNormalFromMean(300, 150), sd: 150);
        yield return Case("weibull", Distribution.Weibull(1.5, 100), sd: 100 * Math.Sqrt(SpecialFunctions.Gamma(1 + (2 / 1.5)) - Math.Pow(SpecialFunctions.Gamma(1 + (1 / 1.5)), 2)));
        yield return Case("normal", Distribution.Normal(-3, 2), sd: 2);
        yield return Case("empirical", Distribution.Empirical([1, 2, 2, 10]), sd: Math.Sqrt(((1 - 3.75) * (1 - 3.75) + (2 * (2 - 3.75) * (2 - 3.75)) + ((10 - 3.75) * (10 - 3.75))) / 4));
    }

    [TestCaseSource(nameof(Cases))]
    public void The_sample_mean_and_sd_agree_with_the_parameters(Distribution distribution, double sd)
    {
        var random = new RandomStreams(seed: 3).For("samples");
        var values = new double[Samples];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = distribution.Sample(random);
        }

        var mean = values.Average();
        var sampleSd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));

        // Within four standard errors of the mean; the spread within 3 %.
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(distribution.Mean).Within((4 * sd / Math.Sqrt(Samples)) + 1e-12));
            Assert.That(sampleSd, Is.EqualTo(sd).Within((0.03 * sd) + 1e-12));
        });
    }

    [Test]
    public void The_lognormal_from_mean_has_that_mean()
    {
        Assert.That(Distribution.LogNormalFromMean(300, 150).Mean, Is.EqualTo(300).Within(1e-9));
    }

    [Test]
    public void A_clamped_distribution_never_leaves_its_bounds_and_reaches_them()
    {
        var clamped = Distribution.Normal(0, 10).Clamp(-5, 5);
        var random = new RandomStreams(seed: 3).For("samples");
        var values = Enumerable.Range(0, 10_000).Select(_ => clamped.Sample(random)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(values, Is.All.InRange(-5.0, 5.0));
            Assert.That(values, Has.Some.EqualTo(-5.0));
            Assert.That(values, Has.Some.EqualTo(5.0));
            Assert.That(Distribution.Exponential(2).Clamp(null, null), Is.EqualTo(Distribution.Exponential(2)));
        });
    }

    [Test]
    public void Invalid_parameters_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Distribution.Uniform(3, 2), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Distribution.Exponential(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Distribution.LogNormal(0, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Distribution.Weibull(0, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Distribution.Normal(0, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Distribution.Empirical([]), Throws.TypeOf<ArgumentException>());
        });
    }

    private static TestCaseData Case(string name, Distribution distribution, double sd) =>
        new TestCaseData(distribution, sd).SetName($"The_sample_mean_and_sd_agree_with_the_parameters({name})");
}
