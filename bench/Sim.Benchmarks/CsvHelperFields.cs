using CsvHelper;
using Sim.Traces.Csv;

namespace Sim.Benchmarks;

/// <summary>
/// CsvHelper's current record decoded to UTF-16 into one reused buffer, seen as an
/// <see cref="ITraceRow"/>: no allocation per row, as Sep's row is.
/// </summary>
internal sealed class CsvHelperFields(TraceLayout layout)
{
    private char[] _chars = new char[256];
    private int[] _ends = new int[16];

    public Row Load(CsvReader reader)
    {
        var count = reader.FieldCount;
        if (_ends.Length < count)
        {
            _ends = new int[count * 2];
        }

        var used = 0;
        for (var i = 0; i < count; i++)
        {
            var bytes = reader.GetSpan(i).Length;
            if (_chars.Length - used < bytes)
            {
                Array.Resize(ref _chars, (_chars.Length + bytes) * 2);
            }

            used += reader.GetChars(i, _chars.AsSpan(used));
            _ends[i] = used;
        }

        return new Row(this, count, reader.LineNumber);
    }

    public readonly struct Row(CsvHelperFields fields, int count, long line) : ITraceRow
    {
        public TraceLayout Layout => fields._layout;

        public long Line => line;

        public int FieldCount => count;

        public ReadOnlySpan<char> Field(int index)
        {
            var start = index == 0 ? 0 : fields._ends[index - 1];
            return fields._chars.AsSpan(start, fields._ends[index] - start);
        }

        public int ColumnOf(int index) => (index == 0 ? 0 : fields._ends[index - 1]) + index + 1;
    }

    private readonly TraceLayout _layout = layout;
}
