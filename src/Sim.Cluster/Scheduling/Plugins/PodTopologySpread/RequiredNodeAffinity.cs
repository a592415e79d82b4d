using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// A pod's <c>nodeSelector</c> and required node affinity, parsed once per cycle so that checking many
/// nodes allocates nothing (upstream's <c>nodeaffinity.GetRequiredNodeAffinity</c>). Matching is that of
/// <see cref="NodeAffinity.Matches(ImmutableArray{NodeSelectorTerm}, Node)"/>: every nodeSelector label,
/// and any one term; a term without requirements, or with an invalid one, matches nothing.
/// </summary>
internal sealed class RequiredNodeAffinity
{
    private static readonly RequiredNodeAffinity None = new([], null);

    private readonly KeyValuePair<string, string>[] _nodeSelector;
    private readonly Term[]? _terms;

    private RequiredNodeAffinity(KeyValuePair<string, string>[] nodeSelector, Term[]? terms)
    {
        _nodeSelector = nodeSelector;
        _terms = terms;
    }

    /// <summary>The requirements of <paramref name="pod"/>.</summary>
    public static RequiredNodeAffinity Of(Pod pod)
    {
        var required = pod.Spec.Affinity?.NodeAffinity?.Required ?? [];
        if (pod.Spec.NodeSelector.Count == 0 && required.IsDefaultOrEmpty)
        {
            return None;
        }

        Term[]? terms = null;
        if (!required.IsDefaultOrEmpty)
        {
            terms = new Term[required.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = Term.Of(required[i]);
            }
        }

        return new RequiredNodeAffinity([.. pod.Spec.NodeSelector], terms);
    }

    /// <summary>Whether <paramref name="node"/> satisfies the nodeSelector and one of the required terms.</summary>
    public bool Matches(Node node)
    {
        var labels = node.Metadata.Labels;
        foreach (var (key, value) in _nodeSelector)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (_terms is null)
        {
            return true;
        }

        foreach (var term in _terms)
        {
            if (term.Matches(node))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Term
    {
        private readonly LabelRequirement[]? _expressions;
        private readonly ImmutableArray<NodeSelectorRequirement> _fields;

        private Term(LabelRequirement[]? expressions, ImmutableArray<NodeSelectorRequirement> fields)
        {
            _expressions = expressions;
            _fields = fields;
        }

        public static Term Of(NodeSelectorTerm term)
        {
            if (term.MatchExpressions.IsDefaultOrEmpty && term.MatchFields.IsDefaultOrEmpty)
            {
                return new Term(null, []);
            }

            var expressions = new LabelRequirement[term.MatchExpressions.IsDefault ? 0 : term.MatchExpressions.Length];
            for (var i = 0; i < expressions.Length; i++)
            {
                var requirement = term.MatchExpressions[i];
                if (requirement.Operator is not (SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists
                        or SelectorOperator.DoesNotExist or SelectorOperator.GreaterThan or SelectorOperator.LessThan)
                    || !LabelRequirement.TryCreate(requirement.Key, requirement.Operator, requirement.Values, out var label, out _))
                {
                    return new Term(null, []);
                }

                expressions[i] = label;
            }

            return new Term(expressions, term.MatchFields.IsDefault ? [] : term.MatchFields);
        }

        public bool Matches(Node node)
        {
            if (_expressions is null)
            {
                return false;
            }

            foreach (var requirement in _expressions)
            {
                if (!requirement.Matches(node.Metadata.Labels))
                {
                    return false;
                }
            }

            foreach (var field in _fields)
            {
                var matchesName = field.Values.Length == 1 && field.Values[0] == node.Metadata.Name;
                var ok = field.Key == "metadata.name" && field.Operator switch
                {
                    SelectorOperator.In => matchesName,
                    SelectorOperator.NotIn => field.Values.Length == 1 && !matchesName,
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
