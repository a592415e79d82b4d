namespace Sim.Cluster.Labels;

/// <summary>
/// <see cref="LabelSelectorSpec"/> to <see cref="LabelSelector"/>, accepting what
/// <c>metav1.LabelSelectorAsSelector</c> accepts and reporting problems with the field paths and
/// wording of <c>ValidateLabelSelector</c>.
/// </summary>
internal static class StructuredSelector
{
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public static bool TryConvert(LabelSelectorSpec? spec, out LabelSelector selector, out string error)
    {
        error = string.Empty;
        if (spec is null)
        {
            selector = LabelSelector.Nothing;
            return true;
        }

        var matchLabels = spec.MatchLabels;
        var matchExpressions = spec.MatchExpressions;
        if ((matchLabels?.Count ?? 0) + (matchExpressions?.Count ?? 0) == 0)
        {
            selector = LabelSelector.Everything;
            return true;
        }

        var errors = new List<string>();
        var requirements = new List<LabelRequirement>();
        if (matchLabels is not null)
        {
            // Upstream walks a Go map (random order) and sorts afterwards; ordinal key order gives the
            // same selector and deterministic error messages.
            var keys = matchLabels.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                AddLabel(key, matchLabels[key], requirements, errors);
            }
        }

        if (matchExpressions is not null)
        {
            for (var i = 0; i < matchExpressions.Count; i++)
            {
                AddExpression($"matchExpressions[{i}]", matchExpressions[i], requirements, errors);
            }
        }

        if (errors.Count > 0)
        {
            selector = LabelSelector.Nothing;
            error = string.Join("; ", errors);
            return false;
        }

        selector = LabelSelector.Everything.Add(requirements);
        return true;
    }

    private static void AddLabel(string key, string value, List<LabelRequirement> requirements, List<string> errors)
    {
        var before = errors.Count;
        if (LabelValidation.KeyProblem(key) is { } keyProblem)
        {
            errors.Add(FieldError.Invalid("matchLabels", key, keyProblem));
        }

        if (value is null)
        {
            errors.Add(FieldError.Required($"matchLabels[{key}]", "a label value (possibly empty) is required"));
        }
        else if (LabelValidation.ValueProblem(value) is { } valueProblem)
        {
            errors.Add(FieldError.Invalid($"matchLabels[{key}]", value, valueProblem));
        }

        if (errors.Count == before)
        {
            requirements.Add(LabelRequirement.CreateValidated(key, SelectorOperator.Equal, [value!]));
        }
    }

    private static void AddExpression(string path, LabelSelectorExpression? expression, List<LabelRequirement> requirements, List<string> errors)
    {
        if (expression is null)
        {
            errors.Add(FieldError.Required(path, "an expression with a key and an operator is required"));
            return;
        }

        var before = errors.Count;
        var values = expression.Values ?? [];
        SelectorOperator op;
        switch (expression.Operator)
        {
            case "In":
                op = SelectorOperator.In;
                break;
            case "NotIn":
                op = SelectorOperator.NotIn;
                break;
            case "Exists":
                op = SelectorOperator.Exists;
                break;
            case "DoesNotExist":
                op = SelectorOperator.DoesNotExist;
                break;
            default:
                errors.Add(FieldError.Unsupported($"{path}.operator", expression.Operator ?? string.Empty, Operators));
                op = SelectorOperator.Exists; // only to check the rest; nothing is added
                break;
        }

        if (errors.Count == before)
        {
            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
            {
                errors.Add(FieldError.Required($"{path}.values", "must be specified when `operator` is 'In' or 'NotIn'"));
            }
            else if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
            {
                errors.Add(FieldError.Forbidden($"{path}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
        }

        var key = expression.Key ?? string.Empty;
        if (LabelValidation.KeyProblem(key) is { } keyProblem)
        {
            errors.Add(FieldError.Invalid($"{path}.key", key, keyProblem));
        }

        for (var j = 0; j < values.Count; j++)
        {
            if (values[j] is null)
            {
                errors.Add(FieldError.Required($"{path}.values[{j}]", "a value (possibly empty) is required"));
            }
            else if (LabelValidation.ValueProblem(values[j]) is { } valueProblem)
            {
                errors.Add(FieldError.Invalid($"{path}.values[{j}]", values[j], valueProblem));
            }
        }

        if (errors.Count == before)
        {
            requirements.Add(LabelRequirement.CreateValidated(key, op, values));
        }
    }
}
