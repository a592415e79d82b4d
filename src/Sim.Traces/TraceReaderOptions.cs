namespace Sim.Traces;

/// <summary>Limits that keep a trace reader's time and memory bounded on any input.</summary>
public sealed record TraceReaderOptions
{
    /// <summary>The default limits.</summary>
    public static TraceReaderOptions Default { get; } = new();

    /// <summary>
    /// The longest line accepted, in characters (default 65,536). Real trace lines are under 200
    /// characters; a longer line (say, a 100 MB file with no line break) is refused as soon as this many
    /// characters have been read without a line break, so memory stays bounded by it.
    /// </summary>
    public int MaxLineLength { get; init; } = 65_536;
}
