namespace Sim.Cluster.Labels;

/// <summary>A token of a selector string: its kind, its text and where it starts (0-based).</summary>
internal readonly struct SelectorToken(SelectorTokenKind kind, string text, int position)
{
    public SelectorTokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public int Position { get; } = position;

    /// <summary>
    /// Where values are expected, <c>in</c> and <c>notin</c> are plain identifiers (<c>x in (in,notin)</c>).
    /// </summary>
    public SelectorToken AsValue() =>
        Kind is SelectorTokenKind.In or SelectorTokenKind.NotIn ? new(SelectorTokenKind.Identifier, Text, Position) : this;

    /// <summary>The operator a token spells between a key and its values: <c>in notin = == != &gt; &lt;</c>.</summary>
    public bool TryGetBinaryOperator(out SelectorOperator op)
    {
        SelectorOperator? found = Kind switch
        {
            SelectorTokenKind.In => SelectorOperator.In,
            SelectorTokenKind.NotIn => SelectorOperator.NotIn,
            SelectorTokenKind.Equal => SelectorOperator.Equal,
            SelectorTokenKind.DoubleEqual => SelectorOperator.DoubleEqual,
            SelectorTokenKind.NotEqual => SelectorOperator.NotEqual,
            SelectorTokenKind.GreaterThan => SelectorOperator.GreaterThan,
            SelectorTokenKind.LessThan => SelectorOperator.LessThan,
            _ => null,
        };
        op = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>The token as an error message shows it.</summary>
    public string Describe() => Kind == SelectorTokenKind.EndOfString ? "end of string" : $"'{Text}'";
}
