using System.Globalization;

namespace Sim.Engine.Validation;

/// <summary>A point estimate and its standard error.</summary>
/// <param name="Mean">The estimate.</param>
/// <param name="StandardError">Its standard error.</param>
public readonly record struct Estimate(double Mean, double StandardError)
{
    /// <summary>How many standard errors the estimate lies from <paramref name="theory"/>.</summary>
    public double ZScore(double theory) => (Mean - theory) / StandardError;

    /// <summary>The mean of independent estimates (e.g. one per seed) and its standard error.</summary>
    public static Estimate Pool(IReadOnlyList<Estimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentOutOfRangeException.ThrowIfZero(estimates.Count);
        double mean = 0, variance = 0;
        foreach (var estimate in estimates)
        {
            mean += estimate.Mean;
            variance += estimate.StandardError * estimate.StandardError;
        }

        return new Estimate(mean / estimates.Count, Math.Sqrt(variance) / estimates.Count);
    }

    /// <summary>"mean ± standard error" with five decimals.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mean:F5} ± {StandardError:F5}");
}
