namespace Sim.Traces.Csv;

/// <summary>
/// Turns the rows of one kind of trace file into typed records. Implemented by a struct per file kind
/// so that the reader loop is specialized for it (no virtual calls per row).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
internal interface ITraceDecoder<T>
{
    /// <summary>The file's columns.</summary>
    static abstract TraceSchema Schema { get; }

    /// <summary>
    /// The record in <paramref name="row"/>, which has the layout's width; throws a
    /// <see cref="TraceFormatException"/> naming the field for any bad value.
    /// </summary>
    static abstract T Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct;
}
