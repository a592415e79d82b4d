namespace Sim.Traces.Csv;

/// <summary>
/// A row already split into strings (by <c>string.Split</c>, CsvHelper, or a test) seen as an
/// <see cref="ITraceRow"/>; columns are computed from the field lengths, one separator apart.
/// </summary>
internal readonly struct StringFieldsRow(string[] fields, long line, TraceLayout layout) : ITraceRow
{
    private readonly string[] _fields = fields;

    public TraceLayout Layout { get; } = layout;

    public long Line { get; } = line;

    public int FieldCount => _fields.Length;

    public ReadOnlySpan<char> Field(int index) => _fields[index];

    public int ColumnOf(int index)
    {
        var column = 1;
        for (var i = 0; i < index; i++)
        {
            column += _fields[i].Length + 1;
        }

        return column;
    }
}
