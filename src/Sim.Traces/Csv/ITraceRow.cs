namespace Sim.Traces.Csv;

/// <summary>
/// One data row as the decoders see it, whatever CSV engine split it: its fields as spans, its line,
/// and where each field starts (asked only when reporting an error).
/// </summary>
internal interface ITraceRow
{
    /// <summary>The file's layout: source, schema and which field holds which column.</summary>
    TraceLayout Layout { get; }

    /// <summary>The line the row is on, from 1.</summary>
    long Line { get; }

    /// <summary>How many fields the row has.</summary>
    int FieldCount { get; }

    /// <summary>The text of field <paramref name="index"/> (0-based, physical order).</summary>
    ReadOnlySpan<char> Field(int index);

    /// <summary>The character column (from 1) where field <paramref name="index"/> starts.</summary>
    int ColumnOf(int index);
}
