namespace Sim.Engine.Randomness;

/// <summary>
/// Allocation-free draws for the hot paths of a model, turning random numbers into integer
/// durations. For anything richer, hand the <see cref="SimRandom"/> to a MathNet.Numerics
/// distribution.
/// </summary>
public static class Distributions
{
    /// <summary>
    /// An exponentially distributed duration with the given mean, truncated to whole 100-ns ticks
    /// (the truncation shortens the mean by half a tick on average).
    /// </summary>
    public static TimeSpan Exponential(this SimRandom random, TimeSpan mean)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(mean.Ticks, nameof(mean));
        var ticks = -Math.Log(random.NextDoubleNonZero()) * mean.Ticks;
        return new TimeSpan(ticks >= long.MaxValue ? long.MaxValue : (long)ticks);
    }

    /// <summary>A duration uniform in [<paramref name="min"/>, <paramref name="max"/>), in whole ticks.</summary>
    public static TimeSpan Uniform(this SimRandom random, TimeSpan min, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new TimeSpan(random.NextInt64(min.Ticks, max.Ticks));
    }
}
