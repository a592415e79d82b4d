namespace Sim.Cluster.Labels;

/// <summary>
/// Splits a selector string into tokens exactly as upstream's <c>labels.Lexer</c> does. Whitespace
/// (space, tab, CR, LF) separates tokens. The operator characters <c>= ! ( ) , &gt; &lt;</c> form the
/// longest operator token they can (<c>!=</c> rather than <c>!</c> then <c>=</c>); any run of other
/// characters is an identifier, or the keyword <c>in</c> or <c>notin</c>. As upstream (which reads
/// NUL as its end marker), a NUL character ends an identifier, and where a token would start it ends the input.
/// </summary>
internal sealed class SelectorLexer(string text)
{
    private int _position;

    public SelectorToken Next()
    {
        int start;
        char c;
        do
        {
            start = _position;
            c = Read();
        }
        while (IsWhitespace(c));

        if (c == '\0')
        {
            return new SelectorToken(SelectorTokenKind.EndOfString, string.Empty, start);
        }

        _position--;
        return IsOperatorCharacter(c) ? ScanOperator(start) : ScanIdentifierOrKeyword(start);
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsOperatorCharacter(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private static SelectorTokenKind? OperatorKind(ReadOnlySpan<char> text) => text switch
    {
        ")" => SelectorTokenKind.ClosedParenthesis,
        "," => SelectorTokenKind.Comma,
        "!" => SelectorTokenKind.DoesNotExist,
        "==" => SelectorTokenKind.DoubleEqual,
        "=" => SelectorTokenKind.Equal,
        ">" => SelectorTokenKind.GreaterThan,
        "<" => SelectorTokenKind.LessThan,
        "!=" => SelectorTokenKind.NotEqual,
        "(" => SelectorTokenKind.OpenParenthesis,
        _ => null,
    };

    /// <summary>The next character, or NUL at the end (without moving).</summary>
    private char Read() => _position < text.Length ? text[_position++] : '\0';

    private SelectorToken ScanIdentifierOrKeyword(int start)
    {
        var end = start;
        while (true)
        {
            var c = Read();
            if (c == '\0')
            {
                break;
            }

            if (IsOperatorCharacter(c) || IsWhitespace(c))
            {
                _position--;
                break;
            }

            end = _position;
        }

        var word = text[start..end];
        var kind = word switch
        {
            "in" => SelectorTokenKind.In,
            "notin" => SelectorTokenKind.NotIn,
            _ => SelectorTokenKind.Identifier,
        };
        return new SelectorToken(kind, word, start);
    }

    private SelectorToken ScanOperator(int start)
    {
        // Grow the operator while the characters read so far still form one; stop at the first
        // character that does not extend it. Every single operator character is an operator, so
        // the first one always matches.
        SelectorTokenKind? kind = null;
        var end = start;
        while (true)
        {
            var c = Read();
            if (c == '\0')
            {
                break;
            }

            if (!IsOperatorCharacter(c))
            {
                _position--;
                break;
            }

            if (OperatorKind(text.AsSpan(start, _position - start)) is { } longer)
            {
                kind = longer;
                end = _position;
            }
            else if (kind is not null)
            {
                _position--;
                break;
            }
        }

        return new SelectorToken(kind!.Value, text[start..end], start);
    }
}
