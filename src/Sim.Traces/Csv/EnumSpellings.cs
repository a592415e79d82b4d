namespace Sim.Traces.Csv;

/// <summary>The exact spellings of an enumeration's values in a trace file, matched ordinally.</summary>
/// <typeparam name="TEnum">The enumeration.</typeparam>
internal sealed class EnumSpellings<TEnum>
    where TEnum : struct, Enum
{
    private readonly (string Text, TEnum Value)[] _values;

    public EnumSpellings(params (string Text, TEnum Value)[] values)
    {
        _values = values;
        List = string.Join(", ", values.Select(v => v.Text));
    }

    /// <summary>The spellings, comma-separated, for messages.</summary>
    public string List { get; }

    public bool TryGet(ReadOnlySpan<char> text, out TEnum value)
    {
        foreach (var (spelling, candidate) in _values)
        {
            if (text.SequenceEqual(spelling))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
