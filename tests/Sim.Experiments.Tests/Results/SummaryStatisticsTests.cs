using Sim.Experiments.Results;

namespace Sim.Experiments.Tests.Results;

public class SummaryStatisticsTests
{
    // Student t quantiles t(0.975; df), from tables (R: qt(0.975, df)).
    private const double T975With2Df = 4.302652729911275;
    private const double T975With3Df = 3.182446305284263;

    [Test]
    public void Mean_sd_and_the_student_t_interval_match_hand_computed_values()
    {
        var s = SummaryStatistics.Of([1.0, 2.0, 3.0, 4.0]);

        // mean 2.5; squares 2.25+0.25+0.25+2.25 = 5; sd = sqrt(5/3); half = t(3) × sd / 2.
        var sd = Math.Sqrt(5.0 / 3.0);
        var half = T975With3Df * sd / 2;
        Assert.Multiple(() =>
        {
            Assert.That(s.Count, Is.EqualTo(4));
            Assert.That(s.Mean, Is.EqualTo(2.5));
            Assert.That(s.StandardDeviation, Is.EqualTo(sd).Within(1e-15));
            Assert.That(s.Low, Is.EqualTo(2.5 - half).Within(1e-9));
            Assert.That(s.High, Is.EqualTo(2.5 + half).Within(1e-9));
        });
    }

    [Test]
    public void The_paired_interval_is_the_interval_of_the_differences()
    {
        // Differences 1, 1, 2: mean 4/3, sd = sqrt(((1/3)^2 × 2 + (2/3)^2) / 2) = sqrt(1/3).
        var d = SummaryStatistics.OfDifferences([10.0, 12.0, 14.0], [9.0, 11.0, 12.0]);

        var half = T975With2Df * Math.Sqrt(1.0 / 3.0) / Math.Sqrt(3);
        Assert.Multiple(() =>
        {
            Assert.That(d.Mean, Is.EqualTo(4.0 / 3.0).Within(1e-15));
            Assert.That(d.StandardDeviation, Is.EqualTo(Math.Sqrt(1.0 / 3.0)).Within(1e-15));
            // MathNet's t quantile agrees with the tabled value to about 1e-11.
            Assert.That(d.Low, Is.EqualTo((4.0 / 3.0) - half).Within(1e-9));
            Assert.That(d.High, Is.EqualTo((4.0 / 3.0) + half).Within(1e-9));
        });
    }

    [Test]
    public void Common_random_numbers_make_the_paired_interval_narrower_than_the_unpaired_one()
    {
        // Both policies see the same seed-to-seed swings; their difference is nearly constant.
        double[] baseline = [100, 140, 90, 160, 120];
        double[] policy = [103, 142, 94, 163, 122];

        var unpaired = SummaryStatistics.Of(policy);
        var paired = SummaryStatistics.OfDifferences(policy, baseline);

        Assert.That(paired.High - paired.Low, Is.LessThan((unpaired.High - unpaired.Low) / 10));
    }

    [Test]
    public void One_value_has_no_spread()
    {
        var s = SummaryStatistics.Of([7.0]);

        Assert.Multiple(() =>
        {
            Assert.That(s.Mean, Is.EqualTo(7.0));
            Assert.That(double.IsNaN(s.StandardDeviation) && double.IsNaN(s.Low) && double.IsNaN(s.High), Is.True);
        });
    }
}
