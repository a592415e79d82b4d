namespace Sim.Traces.Tests.Csv;

/// <summary>
/// A text source that makes its content as it is read (row after row, or one character forever), so a
/// test can hand a reader a "file" of any size and see how much of it was read.
/// </summary>
internal sealed class GeneratedText(Func<long, string?> piece) : TextReader
{
    private string _current = "";
    private int _offset;
    private long _next;

    /// <summary>Characters handed out so far.</summary>
    public long CharactersRead { get; private set; }

    /// <summary>Rows made by <paramref name="row"/> (0, 1, 2, …) until <paramref name="rows"/> of them.</summary>
    public static GeneratedText Rows(long rows, Func<long, string> row) => new(i => i < rows ? row(i) : null);

    /// <summary><paramref name="length"/> copies of <paramref name="c"/> and no line break.</summary>
    public static GeneratedText OneLine(long length, char c)
    {
        const int Chunk = 1 << 16;
        var block = new string(c, Chunk);
        return new GeneratedText(i => i * Chunk >= length ? null : block[..(int)Math.Min(Chunk, length - (i * Chunk))]);
    }

    public override int Peek() => Fill() ? _current[_offset] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        CharactersRead++;
        return _current[_offset++];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (!Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        CharactersRead += n;
        return n;
    }

    private bool Fill()
    {
        while (_offset >= _current.Length)
        {
            if (piece(_next++) is not { } text)
            {
                return false;
            }

            (_current, _offset) = (text, 0);
        }

        return true;
    }
}
