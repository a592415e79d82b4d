using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// A node selector term parsed once (upstream's <c>nodeSelectorTerm</c> in
/// <c>component-helpers/scheduling/corev1/nodeaffinity</c>), so that matching a node allocates nothing.
/// A term that failed to parse keeps its errors and matches no node.
/// </summary>
internal sealed class CompiledNodeSelectorTerm
{
    private static readonly string[] NodeSelectorOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];
    private static readonly string[] FieldSelectorOperators = ["In", "NotIn"];

    private readonly LabelRequirement[]? _labels;
    private readonly FieldRequirement[]? _fields;

    private CompiledNodeSelectorTerm(LabelRequirement[]? labels, FieldRequirement[]? fields, string[] parseErrors)
    {
        _labels = labels;
        _fields = fields;
        ParseErrors = parseErrors;
    }

    /// <summary>What failed to parse, each naming its field; empty when the term is valid.</summary>
    public string[] ParseErrors { get; }

    /// <summary>True for a term with neither expressions nor fields, which selects nothing and is left out.</summary>
    public static bool IsEmpty(NodeSelectorTerm term) => term.MatchExpressions.IsDefaultOrEmpty && term.MatchFields.IsDefaultOrEmpty;

    /// <summary>Parses <paramref name="term"/>; errors are named under <paramref name="path"/> (the term's own path).</summary>
    public static CompiledNodeSelectorTerm Parse(NodeSelectorTerm term, string path)
    {
        var errors = new List<string>();
        LabelRequirement[]? labels = null;
        FieldRequirement[]? fields = null;
        if (!term.MatchExpressions.IsDefaultOrEmpty)
        {
            labels = ParseExpressions(term.MatchExpressions, FieldPath.Child(path, "matchExpressions"), errors);
        }

        if (!term.MatchFields.IsDefaultOrEmpty)
        {
            fields = ParseFields(term.MatchFields, FieldPath.Child(path, "matchFields"), errors);
        }

        return errors.Count != 0 ? new CompiledNodeSelectorTerm(null, null, [.. errors]) : new CompiledNodeSelectorTerm(labels, fields, []);
    }

    /// <summary>
    /// Whether <paramref name="node"/> satisfies every requirement. As upstream, field requirements are
    /// not checked for a node without a name (its field set is empty).
    /// </summary>
    public bool Matches(Node node)
    {
        if (ParseErrors.Length != 0)
        {
            return false;
        }

        if (_labels is not null)
        {
            var nodeLabels = node.Metadata.Labels;
            foreach (var requirement in _labels)
            {
                if (!requirement.MatchesAny(nodeLabels))
                {
                    return false;
                }
            }
        }

        var name = node.Metadata.Name;
        if (_fields is not null && name.Length != 0)
        {
            foreach (var field in _fields)
            {
                // Nodes have one field, metadata.name; any other key reads as empty (fields.Set.Get).
                var value = field.Key == "metadata.name" ? name : string.Empty;
                if ((value == field.Value) != field.Equal)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static LabelRequirement[]? ParseExpressions(ImmutableArray<NodeSelectorRequirement> expressions, string path, List<string> errors)
    {
        var requirements = new LabelRequirement[expressions.Length];
        var valid = true;
        var requirementErrors = new List<string>();
        for (var i = 0; i < expressions.Length; i++)
        {
            var expression = expressions[i];
            var p = FieldPath.Index(path, i);
            if (expression.Operator is not (SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists
                or SelectorOperator.DoesNotExist or SelectorOperator.GreaterThan or SelectorOperator.LessThan))
            {
                errors.Add(FieldError.Unsupported(FieldPath.Child(p, "operator"), OperatorString(expression.Operator), NodeSelectorOperators));
                valid = false;
                continue;
            }

            IReadOnlyList<string> values = expression.Values.IsDefault ? [] : expression.Values;
            requirementErrors.Clear();
            RequirementRules.Validate(expression.Key, expression.Operator, values, requirementErrors);
            if (requirementErrors.Count != 0)
            {
                foreach (var error in requirementErrors)
                {
                    errors.Add(p + "." + error);
                }

                valid = false;
                continue;
            }

            requirements[i] = LabelRequirement.CreateValidated(expression.Key, expression.Operator, values);
        }

        return valid ? requirements : null;
    }

    private static FieldRequirement[]? ParseFields(ImmutableArray<NodeSelectorRequirement> requirements, string path, List<string> errors)
    {
        var fields = new FieldRequirement[requirements.Length];
        var valid = true;
        for (var i = 0; i < requirements.Length; i++)
        {
            var requirement = requirements[i];
            var p = FieldPath.Index(path, i);
            IReadOnlyList<string> values = requirement.Values.IsDefault ? [] : requirement.Values;
            if (requirement.Operator is not (SelectorOperator.In or SelectorOperator.NotIn))
            {
                errors.Add(FieldError.Unsupported(FieldPath.Child(p, "operator"), OperatorString(requirement.Operator), FieldSelectorOperators));
                valid = false;
            }
            else if (values.Count != 1)
            {
                errors.Add(FieldError.Invalid(FieldPath.Child(p, "values"), values, "must have one element"));
                valid = false;
            }
            else
            {
                fields[i] = new FieldRequirement(requirement.Key, requirement.Operator == SelectorOperator.In, values[0]);
            }
        }

        return valid ? fields : null;
    }

    private static string OperatorString(SelectorOperator op) => op switch
    {
        SelectorOperator.GreaterThan => "Gt",
        SelectorOperator.LessThan => "Lt",
        SelectorOperator.Equal => "=",
        SelectorOperator.DoubleEqual => "==",
        SelectorOperator.NotEqual => "!=",
        _ => op.ToString(),
    };

    /// <summary>One <c>matchFields</c> requirement: the field equals (In) or differs from (NotIn) one value.</summary>
    private readonly record struct FieldRequirement(string Key, bool Equal, string Value);
}
