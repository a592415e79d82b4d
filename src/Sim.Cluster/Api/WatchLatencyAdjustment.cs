namespace Sim.Cluster.Api;

/// <summary>
/// How the API server changes every watch's latency, e.g. during an injected latency spike: each
/// drawn latency is multiplied by <see cref="Factor"/>, or replaced by <see cref="Fixed"/> when set.
/// The draw itself is always made, so a spike changes no random stream.
/// </summary>
/// <param name="Factor">Multiplies each drawn latency (at least 0); 1 leaves it.</param>
/// <param name="Fixed">Replaces each drawn latency when not null (at least zero).</param>
public readonly record struct WatchLatencyAdjustment(double Factor, TimeSpan? Fixed = null)
{
    /// <summary>No change: factor 1, nothing fixed.</summary>
    public static WatchLatencyAdjustment None { get; } = new(1.0);

    /// <summary>The latency a watch applies instead of <paramref name="drawn"/>.</summary>
    public TimeSpan Apply(TimeSpan drawn)
    {
        if (Fixed is { } value)
        {
            return value;
        }

        if (Factor == 1.0)
        {
            return drawn;
        }

        // A factor as large as a scenario may write (1e300) gives a latency no TimeSpan holds: such an
        // event arrives after the end of any run, so it is held at the longest latency instead.
        var ticks = Math.Round(drawn.Ticks * Factor);
        return ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
    }
}
