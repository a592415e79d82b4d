using System.Globalization;

namespace Sim.Cluster.Labels;

/// <summary>
/// The checks of upstream's <c>labels.NewRequirement</c>: a valid key, the number of values each
/// operator takes, integers for <c>gt</c>/<c>lt</c>, and valid label values.
/// </summary>
internal static class RequirementRules
{
    private static readonly string[] Operators = Enum.GetNames<SelectorOperator>();

    /// <summary>Appends one message per problem to <paramref name="errors"/>, fields named as upstream names them.</summary>
    public static void Validate(string key, SelectorOperator op, IReadOnlyList<string> values, List<string> errors)
    {
        if (LabelValidation.KeyProblem(key) is { } keyProblem)
        {
            errors.Add(FieldError.Invalid("key", key, keyProblem));
        }

        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn:
                if (values.Count == 0)
                {
                    errors.Add(FieldError.Invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
                }

                break;
            case SelectorOperator.Equal or SelectorOperator.DoubleEqual or SelectorOperator.NotEqual:
                if (values.Count != 1)
                {
                    errors.Add(FieldError.Invalid("values", values, "exact-match compatibility requires one single value"));
                }

                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                if (values.Count != 0)
                {
                    errors.Add(FieldError.Invalid("values", values, "values set must be empty for exists and does not exist"));
                }

                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add(FieldError.Invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInt64(values[i], out _))
                    {
                        errors.Add(FieldError.Invalid(ValuePath(i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
            default:
                errors.Add(FieldError.Unsupported("operator", ((int)op).ToString(CultureInfo.InvariantCulture), Operators));
                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (LabelValidation.ValueProblem(values[i]) is { } valueProblem)
            {
                errors.Add(FieldError.Invalid(ValuePath(i), values[i], valueProblem));
            }
        }
    }

    /// <summary>
    /// A base-10 64-bit integer as Go's <c>strconv.ParseInt(s, 10, 64)</c> reads it: an optional '+'
    /// or '-', then one or more ASCII digits; nothing else, no overflow. Allocates nothing.
    /// </summary>
    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        // Accumulate as a negative number: its range reaches long.MinValue.
        long accumulated = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var digit = c - '0';
            if (accumulated < (long.MinValue + digit) / 10)
            {
                return false;
            }

            accumulated = (accumulated * 10) - digit;
        }

        if (!negative && accumulated == long.MinValue)
        {
            return false;
        }

        value = negative ? accumulated : -accumulated;
        return true;
    }

    private static string ValuePath(int index) => $"values[{index}]";
}
