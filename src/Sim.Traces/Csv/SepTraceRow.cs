using nietras.SeparatedValues;

namespace Sim.Traces.Csv;

/// <summary>A Sep row seen as an <see cref="ITraceRow"/>, without copying.</summary>
internal readonly ref struct SepTraceRow(SepReader.Row row, TraceLayout layout) : ITraceRow
{
    private readonly SepReader.Row _row = row;

    public TraceLayout Layout { get; } = layout;

    public long Line => _row.LineNumberFrom;

    public int FieldCount => _row.ColCount;

    public ReadOnlySpan<char> Field(int index) => _row[index].Span;

    public int ColumnOf(int index)
    {
        var field = _row[index].Span;
        return _row.Span.Overlaps(field, out var offset) ? offset + 1 : 1;
    }
}
