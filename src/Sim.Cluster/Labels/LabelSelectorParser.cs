using System.Diagnostics.CodeAnalysis;

namespace Sim.Cluster.Labels;

/// <summary>
/// Parses the string form of a selector with the grammar and decisions of upstream's
/// <c>labels.Parser</c> (a recursive descent over pre-scanned tokens, one token of lookahead):
/// <code>
/// selector    ::= requirement | requirement "," selector
/// requirement ::= ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") [VALUE] ]
/// values      ::= VALUE | VALUE "," values     (empty values allowed: "()", "(a,)", "(,a)", "(a,,b)")
/// </code>
/// Where values are expected, <c>in</c> and <c>notin</c> are ordinary identifiers. Each requirement
/// is then checked as <c>NewRequirement</c> checks it. Errors give the 0-based position of the
/// offending token (or requirement), its text, and what was expected.
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "one of 'in', 'notin', '=', '==', '!=', '>', '<'";

    private readonly string _text;
    private readonly List<SelectorToken> _tokens;
    private int _next;
    private string _error = string.Empty;

    private LabelSelectorParser(string text)
    {
        _text = text;
        _tokens = Scan(text);
    }

    /// <summary>The requirements of <paramref name="text"/> in the order written (the caller sorts them).</summary>
    public static bool TryParse(string text, out List<LabelRequirement> requirements, out string error)
    {
        var parser = new LabelSelectorParser(text);
        requirements = [];
        if (parser.TryParseSelector(requirements))
        {
            error = string.Empty;
            return true;
        }

        requirements = [];
        error = parser._error;
        return false;
    }

    /// <summary>Every token of <paramref name="text"/>, the final end-of-string token included.</summary>
    public static List<SelectorToken> Scan(string text)
    {
        var lexer = new SelectorLexer(text);
        var tokens = new List<SelectorToken>();
        SelectorToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != SelectorTokenKind.EndOfString);

        return tokens;
    }

    /// <summary>The next token, not consumed; <paramref name="asValue"/> reads <c>in</c>/<c>notin</c> as identifiers.</summary>
    private SelectorToken Peek(bool asValue = true)
    {
        var token = _tokens[Math.Min(_next, _tokens.Count - 1)];
        return asValue ? token.AsValue() : token;
    }

    /// <summary>The next token, consumed (the end-of-string token is never passed).</summary>
    private SelectorToken Take(bool asValue = true)
    {
        var token = Peek(asValue);
        if (_next < _tokens.Count - 1)
        {
            _next++;
        }

        return token;
    }

    private bool Fail(SelectorToken found, string expected)
    {
        _error = $"at position {found.Position}: found {found.Describe()}, expected {expected}";
        return false;
    }

    private bool FailRequirement(int start, string problem)
    {
        var last = _tokens[Math.Max(_next - 1, 0)];
        var end = Math.Max(start, last.Position + last.Text.Length);
        _error = $"at position {start}, in {FieldError.Quote(_text[start..end])}: {problem}";
        return false;
    }

    private bool TryParseSelector(List<LabelRequirement> requirements)
    {
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case SelectorTokenKind.Identifier or SelectorTokenKind.DoesNotExist:
                    if (!TryParseRequirement(out var requirement))
                    {
                        return false;
                    }

                    requirements.Add(requirement);
                    var separator = Take();
                    switch (separator.Kind)
                    {
                        case SelectorTokenKind.EndOfString:
                            return true;
                        case SelectorTokenKind.Comma:
                            var next = Peek();
                            if (next.Kind is not (SelectorTokenKind.Identifier or SelectorTokenKind.DoesNotExist))
                            {
                                return Fail(next, "an identifier or '!' after ','");
                            }

                            break;
                        default:
                            return Fail(separator, "',' or end of string");
                    }

                    break;
                case SelectorTokenKind.EndOfString:
                    return true;
                default:
                    return Fail(token, "'!', an identifier or end of string");
            }
        }
    }

    private bool TryParseRequirement([NotNullWhen(true)] out LabelRequirement? requirement)
    {
        requirement = null;
        var start = Peek().Position;
        var token = Take();
        var doesNotExist = token.Kind == SelectorTokenKind.DoesNotExist;
        if (doesNotExist)
        {
            token = Take();
        }

        if (token.Kind != SelectorTokenKind.Identifier)
        {
            return Fail(token, "an identifier (a label key)");
        }

        var key = token.Text;
        if (LabelValidation.KeyProblem(key) is { } keyProblem)
        {
            return FailRequirement(start, FieldError.Invalid("key", key, keyProblem));
        }

        // "!key" takes no operator; a bare "key" followed by ',' or the end means "exists".
        // Anything else after "!key" is reported by the caller as a bad separator.
        if (doesNotExist || Peek().Kind is SelectorTokenKind.EndOfString or SelectorTokenKind.Comma)
        {
            return TryCreate(start, key, doesNotExist ? SelectorOperator.DoesNotExist : SelectorOperator.Exists, [], out requirement);
        }

        var operatorToken = Take(asValue: false);
        if (!operatorToken.TryGetBinaryOperator(out var op))
        {
            return Fail(operatorToken, BinaryOperators);
        }

        var values = new SortedSet<string>(StringComparer.Ordinal);
        var parsed = op is SelectorOperator.In or SelectorOperator.NotIn ? TryParseValueSet(values) : TryParseExactValue(values);
        return parsed && TryCreate(start, key, op, [.. values], out requirement);
    }

    private bool TryCreate(int start, string key, SelectorOperator op, string[] values, [NotNullWhen(true)] out LabelRequirement? requirement)
    {
        var errors = new List<string>();
        RequirementRules.Validate(key, op, values, errors);
        if (errors.Count > 0)
        {
            requirement = null;
            return FailRequirement(start, FieldError.Join(errors));
        }

        requirement = LabelRequirement.CreateValidated(key, op, values);
        return true;
    }

    /// <summary><c>"(" values ")"</c>; the values form a set (sorted, without repeats).</summary>
    private bool TryParseValueSet(SortedSet<string> values)
    {
        var open = Take();
        if (open.Kind != SelectorTokenKind.OpenParenthesis)
        {
            return Fail(open, "'('");
        }

        var first = Peek();
        switch (first.Kind)
        {
            case SelectorTokenKind.Identifier or SelectorTokenKind.Comma:
                if (!TryParseValueList(values))
                {
                    return false;
                }

                // The list ends only in front of ')'.
                Take();
                return true;
            case SelectorTokenKind.ClosedParenthesis:
                Take();
                values.Add(string.Empty); // "()" is the one empty value
                return true;
            default:
                return Fail(first, "',', ')' or an identifier (a value)");
        }
    }

    /// <summary>Comma-separated values, any of them empty (<c>(,a)</c>, <c>(a,)</c>, <c>(a,,b)</c>), up to ')'.</summary>
    private bool TryParseValueList(SortedSet<string> values)
    {
        while (true)
        {
            var token = Take();
            switch (token.Kind)
            {
                case SelectorTokenKind.Identifier:
                    values.Add(token.Text);
                    var after = Peek();
                    switch (after.Kind)
                    {
                        case SelectorTokenKind.Comma:
                            continue;
                        case SelectorTokenKind.ClosedParenthesis:
                            return true;
                        default:
                            return Fail(after, "',' or ')'");
                    }

                case SelectorTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add(string.Empty); // "(," starts with an empty value
                    }

                    var next = Peek();
                    if (next.Kind == SelectorTokenKind.ClosedParenthesis)
                    {
                        values.Add(string.Empty); // ",)" ends with one
                        return true;
                    }

                    if (next.Kind == SelectorTokenKind.Comma)
                    {
                        Take();
                        values.Add(string.Empty); // ",," has one in between
                    }

                    break;
                default:
                    return Fail(token, "',' or an identifier (a value)");
            }
        }
    }

    /// <summary>The value after <c>=</c>, <c>==</c>, <c>!=</c>, <c>&gt;</c> or <c>&lt;</c>: an identifier, or nothing for the empty value.</summary>
    private bool TryParseExactValue(SortedSet<string> values)
    {
        if (Peek().Kind is SelectorTokenKind.EndOfString or SelectorTokenKind.Comma)
        {
            values.Add(string.Empty);
            return true;
        }

        var token = Take();
        if (token.Kind != SelectorTokenKind.Identifier)
        {
            return Fail(token, "an identifier (a value)");
        }

        values.Add(token.Text);
        return true;
    }
}
