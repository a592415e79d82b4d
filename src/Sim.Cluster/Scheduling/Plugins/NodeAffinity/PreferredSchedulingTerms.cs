using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// Weighted preferred terms parsed once (upstream's <c>PreferredSchedulingTerms</c>): a node's score is
/// the sum of the weights of the terms it matches. Terms of weight 0 and empty terms are left out.
/// Kept in the cycle state by PreScore; it never changes, so clones share it.
/// </summary>
internal sealed class PreferredSchedulingTerms : IStateData
{
    private readonly (CompiledNodeSelectorTerm Term, int Weight)[] _terms;

    private PreferredSchedulingTerms((CompiledNodeSelectorTerm, int)[] terms) => _terms = terms;

    /// <summary>No terms: every node scores 0.</summary>
    public static PreferredSchedulingTerms None { get; } = new([]);

    /// <summary>
    /// Parses <paramref name="terms"/> (errors named under <paramref name="path"/>, e.g.
    /// <c>[0].matchExpressions[0].key</c>) and appends every error to <paramref name="errors"/>; returns
    /// null when there was any.
    /// </summary>
    public static PreferredSchedulingTerms? Parse(ImmutableArray<PreferredSchedulingTerm> terms, string path, List<string> errors)
    {
        var before = errors.Count;
        var parsed = new List<(CompiledNodeSelectorTerm, int)>(terms.Length);
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i];
            if (term.Weight == 0 || CompiledNodeSelectorTerm.IsEmpty(term.Preference))
            {
                continue;
            }

            var compiled = CompiledNodeSelectorTerm.Parse(term.Preference, FieldPath.Index(path, i));
            if (compiled.ParseErrors.Length != 0)
            {
                errors.AddRange(compiled.ParseErrors);
            }
            else
            {
                parsed.Add((compiled, term.Weight));
            }
        }

        return errors.Count != before ? null : new PreferredSchedulingTerms([.. parsed]);
    }

    /// <summary>The sum of the weights of the terms <paramref name="node"/> matches.</summary>
    public long Score(Node node)
    {
        long score = 0;
        foreach (var (term, weight) in _terms)
        {
            if (term.Matches(node))
            {
                score += weight;
            }
        }

        return score;
    }

    /// <inheritdoc />
    public IStateData Clone() => this;
}
