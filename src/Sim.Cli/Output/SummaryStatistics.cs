using MathNet.Numerics.Distributions;

namespace Sim.Cli.Output;

/// <summary>Mean, standard deviation and a 95 % Student-t confidence interval over seeds.</summary>
internal readonly record struct SummaryStatistics(int Count, double Mean, double StandardDeviation, double Low, double High)
{
    public static SummaryStatistics Of(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = values.Average();
        if (n < 2)
        {
            return new SummaryStatistics(n, mean, double.NaN, double.NaN, double.NaN);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new SummaryStatistics(n, mean, sd, mean - half, mean + half);
    }
}
