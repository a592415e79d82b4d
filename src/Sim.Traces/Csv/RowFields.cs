using System.Globalization;
using System.Text;

namespace Sim.Traces.Csv;

/// <summary>
/// Reads and validates one field of a row by schema column, throwing a <see cref="TraceFormatException"/>
/// that names the file, line, column and what was expected. Numbers are ASCII digits in the invariant
/// culture with an optional leading minus; no spaces, no thousands separators.
/// </summary>
internal static class RowFields
{
    /// <summary>The longest name (id, model, status text) accepted.</summary>
    public const int MaxNameLength = 256;

    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The text of <paramref name="column"/>; empty when the file has no such column.</summary>
    public static ReadOnlySpan<char> Text<TRow>(scoped ref TRow row, int column)
        where TRow : ITraceRow, allows ref struct
    {
        var field = row.Layout.FieldOf(column);
        return field < 0 ? default : row.Field(field);
    }

    /// <summary>An error about <paramref name="column"/> of <paramref name="row"/>.</summary>
    public static TraceFormatException Error<TRow>(scoped ref TRow row, int column, string message)
        where TRow : ITraceRow, allows ref struct
    {
        var field = row.Layout.FieldOf(column);
        var at = field >= 0 ? row.ColumnOf(field) : 0;
        return new TraceFormatException(new TraceError(row.Layout.Source, row.Line, at, row.Layout.Schema.Columns[column], message));
    }

    /// <summary>A required integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static long Int64<TRow>(scoped ref TRow row, int column, long min, long max, string meaning)
        where TRow : ITraceRow, allows ref struct
    {
        var text = Text(ref row, column);
        if (long.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw Error(ref row, column, $"expected {IntegerRange(min, max)} ({meaning}), got {Describe(text, IsIntegerSyntax(text))}");
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, or null for an empty field.</summary>
    public static long? OptionalInt64<TRow>(scoped ref TRow row, int column, long min, long max, string meaning)
        where TRow : ITraceRow, allows ref struct
        => Text(ref row, column).IsEmpty ? null : Int64(ref row, column, min, max, meaning);

    /// <summary>A required finite number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static double Double<TRow>(scoped ref TRow row, int column, double min, double max, string meaning)
        where TRow : ITraceRow, allows ref struct
    {
        var text = Text(ref row, column);
        if (double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        var range = double.IsPositiveInfinity(max)
            ? string.Create(CultureInfo.InvariantCulture, $"a number of at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");
        throw Error(ref row, column, $"expected {range} ({meaning}), got {Describe(text, outOfRange: double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out _))}");
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or null for an empty field.</summary>
    public static double? OptionalDouble<TRow>(scoped ref TRow row, int column, double min, double max, string meaning)
        where TRow : ITraceRow, allows ref struct
        => Text(ref row, column).IsEmpty ? null : Double(ref row, column, min, max, meaning);

    /// <summary>
    /// A required name: 1 to <see cref="MaxNameLength"/> printable ASCII characters, no spaces (ids,
    /// hashes, model names and statuses in every supported trace are such names).
    /// </summary>
    public static string Name<TRow>(scoped ref TRow row, int column, string meaning)
        where TRow : ITraceRow, allows ref struct
    {
        var text = Text(ref row, column);
        if (!IsName(text))
        {
            throw Error(ref row, column, $"expected {meaning}: 1 to {MaxNameLength} printable ASCII characters without spaces, got {Describe(text, outOfRange: false)}");
        }

        return text.ToString();
    }

    /// <summary>A name as <see cref="Name"/> reads it, or null for an empty field.</summary>
    public static string? OptionalName<TRow>(scoped ref TRow row, int column, string meaning)
        where TRow : ITraceRow, allows ref struct
        => Text(ref row, column).IsEmpty ? null : Name(ref row, column, meaning);

    /// <summary>True for 1 to <see cref="MaxNameLength"/> characters from '!' to '~'.</summary>
    public static bool IsName(ReadOnlySpan<char> text) =>
        !text.IsEmpty && text.Length <= MaxNameLength && !text.ContainsAnyExceptInRange('!', '~');

    /// <summary>One of the spellings in <paramref name="values"/>, matched exactly (ordinal, case-sensitive).</summary>
    public static TEnum Enum<TRow, TEnum>(scoped ref TRow row, int column, EnumSpellings<TEnum> values, string meaning)
        where TRow : ITraceRow, allows ref struct
        where TEnum : struct, Enum
    {
        var text = Text(ref row, column);
        if (values.TryGet(text, out var value))
        {
            return value;
        }

        throw Error(ref row, column, $"expected {meaning}: one of {values.List}, got {Describe(text, outOfRange: false)}");
    }

    /// <summary>A value as <see cref="Enum"/> reads it, or null for an empty field.</summary>
    public static TEnum? OptionalEnum<TRow, TEnum>(scoped ref TRow row, int column, EnumSpellings<TEnum> values, string meaning)
        where TRow : ITraceRow, allows ref struct
        where TEnum : struct, Enum
        => Text(ref row, column).IsEmpty ? null : Enum(ref row, column, values, meaning);

    /// <summary>"a non-negative integer", "an integer from 0 to 1000", "an integer".</summary>
    public static string IntegerRange(long min, long max) => (min, max) switch
    {
        (long.MinValue, long.MaxValue) => "an integer",
        (0, long.MaxValue) => "a non-negative integer",
        (_, long.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"an integer of at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}"),
    };

    /// <summary>
    /// The field as quoted in a message: at most 40 characters, control characters escaped, with a note
    /// when it is out of range, empty, or holds text that was not valid UTF-8.
    /// </summary>
    public static string Describe(ReadOnlySpan<char> text, bool outOfRange)
    {
        if (text.IsEmpty)
        {
            return "an empty field";
        }

        const int Shown = 40;
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > Shown ? text[..Shown] : text)
        {
            if (c is < ' ' or '\u007f')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('\'');
        if (text.Length > Shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $" (… {text.Length:N0} characters)");
        }

        if (outOfRange)
        {
            builder.Append(" (out of range)");
        }

        if (text.Contains('\uFFFD'))
        {
            builder.Append(" (the file is not valid UTF-8 here)");
        }

        return builder.ToString();
    }

    private static bool IsIntegerSyntax(ReadOnlySpan<char> text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
