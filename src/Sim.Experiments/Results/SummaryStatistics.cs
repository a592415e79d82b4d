using MathNet.Numerics.Distributions;

namespace Sim.Experiments.Results;

/// <summary>
/// The mean, sample standard deviation and two-sided 95% Student t confidence interval of a
/// sample (over seeds). With fewer than two values the spread and interval are NaN.
/// </summary>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1 denominator).</param>
/// <param name="Low">The lower end of the 95% confidence interval for the mean.</param>
/// <param name="High">The upper end of the 95% confidence interval for the mean.</param>
public readonly record struct SummaryStatistics(int Count, double Mean, double StandardDeviation, double Low, double High)
{
    /// <summary>The statistics of <paramref name="values"/> (at least one value).</summary>
    public static SummaryStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += values[i];
        }

        mean /= n;
        if (n < 2)
        {
            return new SummaryStatistics(n, mean, double.NaN, double.NaN, double.NaN);
        }

        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            squares += (values[i] - mean) * (values[i] - mean);
        }

        var sd = Math.Sqrt(squares / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new SummaryStatistics(n, mean, sd, mean - half, mean + half);
    }

    /// <summary>
    /// The statistics of the paired differences <paramref name="values"/>[i] − <paramref name="baseline"/>[i]
    /// (the same seed under two policies: common random numbers make the pairs correlated, and the
    /// paired interval is the one that uses it).
    /// </summary>
    public static SummaryStatistics OfDifferences(IReadOnlyList<double> values, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(baseline);
        if (values.Count != baseline.Count)
        {
            throw new ArgumentException("paired samples must have the same length", nameof(baseline));
        }

        var differences = new double[values.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = values[i] - baseline[i];
        }

        return Of(differences);
    }
}
