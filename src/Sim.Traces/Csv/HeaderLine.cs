using System.Globalization;

namespace Sim.Traces.Csv;

/// <summary>Decides from a file's first row whether it is a header and how the columns are laid out.</summary>
internal static class HeaderLine
{
    /// <summary>
    /// The layout of a file whose first non-blank row is <paramref name="row"/>; <paramref name="isHeader"/>
    /// tells whether that row was a header (and so holds no data).
    /// </summary>
    public static TraceLayout Read<TRow>(TraceSchema schema, string source, scoped ref TRow row, out bool isHeader)
        where TRow : ITraceRow, allows ref struct
    {
        switch (schema.Header)
        {
            case TraceHeader.None:
                isHeader = false;
                return TraceLayout.InSchemaOrder(schema, source);
            case TraceHeader.Optional:
                isHeader = IsExactHeader(schema, ref row);
                return TraceLayout.InSchemaOrder(schema, source);
            default:
                isHeader = true;
                return ByName(schema, source, ref row);
        }
    }

    private static bool IsExactHeader<TRow>(TraceSchema schema, scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        if (row.FieldCount != schema.Columns.Length)
        {
            return false;
        }

        for (var i = 0; i < row.FieldCount; i++)
        {
            if (!row.Field(i).Trim(' ').SequenceEqual(schema.Columns[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static TraceLayout ByName<TRow>(TraceSchema schema, string source, scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var map = new int[schema.Columns.Length];
        Array.Fill(map, -1);
        for (var field = 0; field < row.FieldCount; field++)
        {
            var name = row.Field(field).Trim(' ');
            for (var column = 0; column < map.Length; column++)
            {
                if (!name.SequenceEqual(schema.Columns[column]))
                {
                    continue;
                }

                if (map[column] >= 0)
                {
                    throw new TraceFormatException(new TraceError(source, row.Line, row.ColumnOf(field), schema.Columns[column],
                        $"the header names column '{schema.Columns[column]}' twice"));
                }

                map[column] = field;
            }
        }

        for (var column = 0; column < schema.RequiredCount; column++)
        {
            if (map[column] < 0)
            {
                throw new TraceFormatException(new TraceError(source, row.Line, 1, schema.Columns[column], string.Create(CultureInfo.InvariantCulture,
                    $"the header has no column '{schema.Columns[column]}'; {schema.Kind} needs a header line with at least {string.Join(',', schema.Columns.Take(schema.RequiredCount))} (got {RowFields.Describe(HeaderText(ref row), outOfRange: false)})")));
            }
        }

        return new TraceLayout(schema, source, map, row.FieldCount);
    }

    private static string HeaderText<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var names = new string[row.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row.Field(i).ToString();
        }

        return string.Join(',', names);
    }
}
