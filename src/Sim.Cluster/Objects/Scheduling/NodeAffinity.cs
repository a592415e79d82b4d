using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A pod's node affinity: required terms (any one must match) and weighted preferences.</summary>
public sealed record NodeAffinity
{
    /// <summary>
    /// <c>requiredDuringSchedulingIgnoredDuringExecution</c>: the node must match at least one term
    /// (terms are ORed). Empty means no requirement.
    /// </summary>
    public ImmutableArray<NodeSelectorTerm> Required { get; init; } = [];

    /// <summary><c>preferredDuringSchedulingIgnoredDuringExecution</c>: weighted terms for scoring.</summary>
    public ImmutableArray<PreferredSchedulingTerm> Preferred { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="node"/> matches any of <paramref name="terms"/>, as upstream's
    /// <c>nodeaffinity.NodeSelector.Match</c>: terms are ORed, requirements within a term ANDed, a
    /// term without requirements or with an invalid requirement matches nothing.
    /// </summary>
    public static bool Matches(ImmutableArray<NodeSelectorTerm> terms, Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var term in terms)
        {
            if (Matches(term, node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="node"/> matches every requirement of <paramref name="term"/> (false for an empty term).</summary>
    public static bool Matches(NodeSelectorTerm term, Node node)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(node);
        if (term.MatchExpressions.IsEmpty && term.MatchFields.IsEmpty)
        {
            return false;
        }

        foreach (var requirement in term.MatchExpressions)
        {
            if (requirement.Operator is not (SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists
                    or SelectorOperator.DoesNotExist or SelectorOperator.GreaterThan or SelectorOperator.LessThan)
                || !LabelRequirement.TryCreate(requirement.Key, requirement.Operator, requirement.Values, out var label, out _)
                || !label.Matches(node.Metadata.Labels))
            {
                return false;
            }
        }

        foreach (var field in term.MatchFields)
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
