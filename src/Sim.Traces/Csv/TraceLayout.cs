namespace Sim.Traces.Csv;

/// <summary>
/// How one file's fields map to its schema's columns: the physical field of each column (−1 when the
/// header left it out) and how many fields every row has.
/// </summary>
internal sealed class TraceLayout
{
    private readonly int[] _fieldOfColumn;

    public TraceLayout(TraceSchema schema, string source, int[] fieldOfColumn, int width)
    {
        Schema = schema;
        Source = source;
        _fieldOfColumn = fieldOfColumn;
        Width = width;
    }

    public TraceSchema Schema { get; }

    public string Source { get; }

    /// <summary>The number of fields every data row must have.</summary>
    public int Width { get; }

    /// <summary>The layout of a headerless file: the schema's columns in order.</summary>
    public static TraceLayout InSchemaOrder(TraceSchema schema, string source)
    {
        var map = new int[schema.Columns.Length];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = i;
        }

        return new TraceLayout(schema, source, map, map.Length);
    }

    /// <summary>The field that holds <paramref name="column"/>, or −1 when the file has no such column.</summary>
    public int FieldOf(int column) => _fieldOfColumn[column];

    /// <summary>True when the file has <paramref name="column"/>.</summary>
    public bool Has(int column) => _fieldOfColumn[column] >= 0;
}
