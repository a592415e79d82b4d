using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Sim.Workloads;

/// <summary>
/// A distribution of real values (a duration in seconds, a request in milli-CPU or bytes, a
/// replica count) that a workload draws from. Sampling uses MathNet.Numerics with the caller's
/// seeded generator, so a draw depends only on that generator's state.
/// </summary>
public abstract record Distribution
{
    /// <summary>The distribution's mean (before any clamp).</summary>
    public abstract double Mean { get; }

    /// <summary>Always <paramref name="value"/>.</summary>
    public static Distribution Constant(double value) => new ConstantDistribution(value);

    /// <summary>Uniform on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static Distribution Uniform(double min, double max)
    {
        if (!(max >= min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "max must be at least min");
        }

        return new UniformDistribution(min, max);
    }

    /// <summary>Exponential with the given mean.</summary>
    public static Distribution Exponential(double mean) =>
        mean > 0 ? new ExponentialDistribution(mean) : throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be positive");

    /// <summary>Log-normal: the logarithm is normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    public static Distribution LogNormal(double mu, double sigma) =>
        sigma >= 0 ? new LogNormalDistribution(mu, sigma) : throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must not be negative");

    /// <summary>Log-normal with the given mean and standard deviation of the value itself.</summary>
    public static Distribution LogNormalFromMean(double mean, double sd)
    {
        if (!(mean > 0) || !(sd >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be positive and sd not negative");
        }

        var sigma2 = Math.Log(1 + (sd * sd / (mean * mean)));
        return new LogNormalDistribution(Math.Log(mean) - (sigma2 / 2), Math.Sqrt(sigma2));
    }

    /// <summary>Weibull with shape k and scale λ.</summary>
    public static Distribution Weibull(double shape, double scale) =>
        shape > 0 && scale > 0 ? new WeibullDistribution(shape, scale) : throw new ArgumentOutOfRangeException(nameof(shape), shape, "shape and scale must be positive");

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public static Distribution Normal(double mean, double sd) =>
        sd >= 0 ? new NormalDistribution(mean, sd) : throw new ArgumentOutOfRangeException(nameof(sd), sd, "sd must not be negative");

    /// <summary>Resamples <paramref name="values"/> uniformly (an empirical distribution from data).</summary>
    public static Distribution Empirical(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = values.ToImmutableArray();
        return array.IsEmpty ? throw new ArgumentException("an empirical distribution needs at least one value", nameof(values)) : new EmpiricalDistribution(array);
    }

    /// <summary>Draws one value.</summary>
    public abstract double Sample(Random random);

    /// <summary>This distribution with draws limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public Distribution Clamp(double? min, double? max) => min is null && max is null ? this : new ClampedDistribution(this, min, max);

    /// <summary>A short description, e.g. <c>exponential(mean=60)</c>.</summary>
    public abstract override string ToString();

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record ConstantDistribution(double Value) : Distribution
    {
        public override double Mean => Value;

        public override double Sample(Random random) => Value;

        public override string ToString() => $"constant({F(Value)})";
    }

    private sealed record UniformDistribution(double Min, double Max) : Distribution
    {
        public override double Mean => (Min + Max) / 2;

        public override double Sample(Random random) => ContinuousUniform.Sample(random, Min, Max);

        public override string ToString() => $"uniform(min={F(Min)}, max={F(Max)})";
    }

    private sealed record ExponentialDistribution(double MeanValue) : Distribution
    {
        public override double Mean => MeanValue;

        public override double Sample(Random random) => MathNet.Numerics.Distributions.Exponential.Sample(random, 1 / MeanValue);

        public override string ToString() => $"exponential(mean={F(MeanValue)})";
    }

    private sealed record LogNormalDistribution(double Mu, double Sigma) : Distribution
    {
        public override double Mean => Math.Exp(Mu + (Sigma * Sigma / 2));

        public override double Sample(Random random) => MathNet.Numerics.Distributions.LogNormal.Sample(random, Mu, Sigma);

        public override string ToString() => $"lognormal(mu={F(Mu)}, sigma={F(Sigma)})";
    }

    private sealed record WeibullDistribution(double Shape, double Scale) : Distribution
    {
        public override double Mean => Scale * MathNet.Numerics.SpecialFunctions.Gamma(1 + (1 / Shape));

        public override double Sample(Random random) => MathNet.Numerics.Distributions.Weibull.Sample(random, Shape, Scale);

        public override string ToString() => $"weibull(shape={F(Shape)}, scale={F(Scale)})";
    }

    private sealed record NormalDistribution(double MeanValue, double Sd) : Distribution
    {
        public override double Mean => MeanValue;

        public override double Sample(Random random) => MathNet.Numerics.Distributions.Normal.Sample(random, MeanValue, Sd);

        public override string ToString() => $"normal(mean={F(MeanValue)}, sd={F(Sd)})";
    }

    private sealed record EmpiricalDistribution(ImmutableArray<double> Values) : Distribution
    {
        public override double Mean => Values.Average();

        public override double Sample(Random random) => Values[random.Next(Values.Length)];

        public override string ToString() => $"empirical({Values.Length} values)";
    }

    private sealed record ClampedDistribution(Distribution Inner, double? Min, double? Max) : Distribution
    {
        public override double Mean => Inner.Mean;

        public override double Sample(Random random)
        {
            var value = Inner.Sample(random);
            if (Min is { } min && value < min)
            {
                value = min;
            }

            return Max is { } max && value > max ? max : value;
        }

        public override string ToString() => $"{Inner} clamped to [{(Min is { } a ? F(a) : "-inf")}, {(Max is { } b ? F(b) : "inf")}]";
    }
}
