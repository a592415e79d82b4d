using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// Required node selector terms parsed once (upstream's <c>LazyErrorNodeSelector</c>): a node matches when
/// any term matches; empty terms are left out, and a term that failed to parse matches nothing, its
/// errors reported only when no term matched.
/// </summary>
internal sealed class CompiledNodeSelector
{
    private readonly CompiledNodeSelectorTerm[] _terms;

    private CompiledNodeSelector(CompiledNodeSelectorTerm[] terms) => _terms = terms;

    /// <summary>Every term's parse errors, in order.</summary>
    public IEnumerable<string> ParseErrors => _terms.SelectMany(term => term.ParseErrors);

    /// <summary>True when some term failed to parse.</summary>
    public bool HasParseErrors => _terms.Any(term => term.ParseErrors.Length != 0);

    /// <summary>Parses <paramref name="terms"/>, naming errors under <paramref name="path"/> (the path of <c>nodeSelectorTerms</c>).</summary>
    public static CompiledNodeSelector Parse(ImmutableArray<NodeSelectorTerm> terms, string path)
    {
        var parsed = new List<CompiledNodeSelectorTerm>(terms.IsDefault ? 0 : terms.Length);
        for (var i = 0; i < (terms.IsDefault ? 0 : terms.Length); i++)
        {
            if (!CompiledNodeSelectorTerm.IsEmpty(terms[i]))
            {
                parsed.Add(CompiledNodeSelectorTerm.Parse(terms[i], FieldPath.Index(path, i)));
            }
        }

        return new CompiledNodeSelector([.. parsed]);
    }

    /// <summary>Whether any term matches <paramref name="node"/>.</summary>
    public bool Matches(Node node) => Matches(node, out _);

    /// <summary>
    /// Whether any term matches <paramref name="node"/>; <paramref name="parseError"/> is true when none
    /// did and some term had failed to parse (upstream returns the parse errors then).
    /// </summary>
    public bool Matches(Node node, out bool parseError)
    {
        parseError = false;
        foreach (var term in _terms)
        {
            if (term.ParseErrors.Length != 0)
            {
                parseError = true;
                continue;
            }

            if (term.Matches(node))
            {
                parseError = false;
                return true;
            }
        }

        return false;
    }
}
