namespace Sim.Traces.Csv;

/// <summary>Times in trace files: whole seconds (or microseconds) from the trace start, kept as <see cref="TimeSpan"/>.</summary>
internal static class TraceTime
{
    /// <summary>The largest number of seconds a <see cref="TimeSpan"/> holds.</summary>
    public const long MaxSeconds = long.MaxValue / TimeSpan.TicksPerSecond;

    /// <summary>A time in whole seconds from <paramref name="min"/> (0 or −<see cref="MaxSeconds"/>) to <see cref="MaxSeconds"/>.</summary>
    public static TimeSpan Seconds<TRow>(scoped ref TRow row, int column, long min)
        where TRow : ITraceRow, allows ref struct =>
        TimeSpan.FromSeconds(RowFields.Int64(ref row, column, min, MaxSeconds, "seconds from the trace start"));
}
