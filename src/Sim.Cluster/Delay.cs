using Sim.Engine.Randomness;

namespace Sim.Cluster;

/// <summary>A duration that may be random: a constant, or a draw from a distribution with a named stream.</summary>
public abstract record Delay
{
    /// <summary>No delay.</summary>
    public static Delay Zero { get; } = new ConstantDelay(TimeSpan.Zero);

    /// <summary>Always <paramref name="value"/>.</summary>
    public static Delay Constant(TimeSpan value) => new ConstantDelay(value);

    /// <summary>Exponentially distributed with mean <paramref name="mean"/>.</summary>
    public static Delay Exponential(TimeSpan mean) => new ExponentialDelay(mean);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static Delay Uniform(TimeSpan min, TimeSpan max) => new UniformDelay(min, max);

    /// <summary>Draws one duration from <paramref name="random"/> (a constant draws nothing).</summary>
    public abstract TimeSpan Sample(SimRandom random);

    /// <summary>The value every <see cref="Sample"/> returns, drawing nothing, for a constant; null otherwise.</summary>
    internal virtual TimeSpan? ConstantValue => null;

    private sealed record ConstantDelay(TimeSpan Value) : Delay
    {
        public override TimeSpan Sample(SimRandom random) => Value;

        internal override TimeSpan? ConstantValue => Value;
    }

    private sealed record ExponentialDelay(TimeSpan Mean) : Delay
    {
        public override TimeSpan Sample(SimRandom random) => random.Exponential(Mean);
    }

    private sealed record UniformDelay(TimeSpan Min, TimeSpan Max) : Delay
    {
        public override TimeSpan Sample(SimRandom random) => random.Uniform(Min, Max);
    }
}
