using System.Globalization;

namespace Sim.Traces.Csv;

/// <summary>
/// Passes text through from another reader and refuses, with a <see cref="TraceFormatException"/>,
/// a line longer than the limit as soon as that many characters have gone by without a line feed.
/// The CSV engine buffers a whole row, so this is what bounds its memory on a file with no line
/// breaks (or one absurdly long line). Lines end with LF or CRLF; a file that uses CR alone is one
/// long line to it. Disposing it disposes the inner reader unless told to leave it open.
/// </summary>
internal sealed class BoundedLineReader(TextReader inner, string source, int maxLineLength, bool leaveOpen = false) : TextReader
{
    private long _line = 1;
    private long _lineLength;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Span<char> one = [(char)c];
            Count(one);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override int ReadBlock(Span<char> buffer)
    {
        var read = inner.ReadBlock(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            var length = newline < 0 ? text.Length : newline;
            _lineLength += length;
            if (_lineLength > maxLineLength)
            {
                throw new TraceFormatException(new TraceError(source, _line, maxLineLength + 1L, null, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the line is longer than {maxLineLength:N0} characters (TraceReaderOptions.MaxLineLength); trace lines are short, so this is not a trace file of this kind")));
            }

            if (newline < 0)
            {
                return;
            }

            _line++;
            _lineLength = 0;
            text = text[(newline + 1)..];
        }
    }
}
