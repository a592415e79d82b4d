using System.Collections;
using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Sim.Traces.Csv;

/// <summary>
/// The streaming reader loop shared by every trace reader: Sep splits lines into fields (quotes are
/// not special: no supported trace quotes its fields), <see cref="BoundedLineReader"/> bounds the line
/// length, the first row decides the layout, blank lines are skipped, every row must have the layout's
/// width, and the decoder turns it into a record. Nothing is read until enumeration starts; every
/// enumeration of a file reopens it.
/// </summary>
internal static class TraceCsv
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The records of the file at <paramref name="path"/>, read lazily.</summary>
    public static IEnumerable<T> ReadFile<T, TDecoder>(string path, TraceReaderOptions? options)
        where TDecoder : ITraceDecoder<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Rows<T, TDecoder>(() => OpenFile(path), path, Validate(options), leaveOpen: false);
    }

    /// <summary>The records read from <paramref name="reader"/>, lazily; the reader is not disposed and can be enumerated once.</summary>
    public static IEnumerable<T> Read<T, TDecoder>(TextReader reader, string source, TraceReaderOptions? options)
        where TDecoder : ITraceDecoder<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return new Rows<T, TDecoder>(() => reader, source, Validate(options), leaveOpen: true);
    }

    /// <summary>Opens a file as UTF-8 (a BOM is skipped; bytes that are not UTF-8 become U+FFFD and fail validation).</summary>
    internal static TextReader OpenFile(string path)
    {
        try
        {
            return new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 1 << 16,
                Options = FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var message = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}";
            throw new TraceFormatException(new TraceError(path, 0, 0, null, message), e);
        }
    }

    private static TraceReaderOptions Validate(TraceReaderOptions? options)
    {
        options ??= TraceReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineLength, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxLineLength, 1 << 24, nameof(options));
        return options;
    }

    private sealed class Rows<T, TDecoder>(Func<TextReader> open, string source, TraceReaderOptions options, bool leaveOpen) : IEnumerable<T>
        where TDecoder : ITraceDecoder<T>
    {
        public IEnumerator<T> GetEnumerator() => new Enumerator<T, TDecoder>(open, source, options, leaveOpen);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Enumerator<T, TDecoder>(Func<TextReader> open, string source, TraceReaderOptions options, bool leaveOpen) : IEnumerator<T>
        where TDecoder : ITraceDecoder<T>
    {
        private SepReader? _sep;
        private TraceLayout? _layout;
        private bool _done;
        private T _current = default!;

        public T Current => _current;

        object? IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            _sep ??= Open();
            while (_sep.MoveNext())
            {
                var sepRow = _sep.Current;
                if (sepRow.Span.IsEmpty)
                {
                    continue;
                }

                var row = new SepTraceRow(sepRow, _layout!);
                if (_layout is null)
                {
                    _layout = HeaderLine.Read(TDecoder.Schema, source, ref row, out var isHeader);
                    row = new SepTraceRow(sepRow, _layout);
                    if (isHeader)
                    {
                        continue;
                    }
                }

                if (row.FieldCount != _layout.Width)
                {
                    throw WidthError(ref row, _layout);
                }

                _current = TDecoder.Decode(ref row);
                return true;
            }

            _done = true;
            if (_layout is null)
            {
                var schema = TDecoder.Schema;
                throw new TraceFormatException(new TraceError(source, 0, 0, null, schema.Header == TraceHeader.Required
                    ? $"the file is empty; {schema.Kind} starts with a header line: {schema.ColumnList}"
                    : $"the file is empty; {schema.Kind} has lines of {schema.Columns.Length} fields: {schema.ColumnList}"));
            }

            return false;
        }

        public void Reset() => throw new NotSupportedException("Enumerate the reader again to read the file again.");

        public void Dispose()
        {
            _sep?.Dispose();
            _sep = null;
            _done = true;
        }

        private static TraceFormatException WidthError(ref SepTraceRow row, TraceLayout layout)
        {
            var column = row.FieldCount > layout.Width ? row.ColumnOf(layout.Width) : row.Field(row.FieldCount - 1).Length + row.ColumnOf(row.FieldCount - 1);
            return new TraceFormatException(new TraceError(layout.Source, row.Line, column, null, string.Create(CultureInfo.InvariantCulture,
                $"expected {layout.Width} comma-separated fields ({layout.Schema.ColumnList}), got {row.FieldCount}")));
        }

        private SepReader Open()
        {
            var bounded = new BoundedLineReader(open(), source, options.MaxLineLength, leaveOpen);
            return Sep.New(',').Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                DisableQuotesParsing = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(bounded);
        }
    }
}
