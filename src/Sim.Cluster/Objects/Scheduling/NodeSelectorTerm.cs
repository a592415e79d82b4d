using System.Collections.Immutable;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>
/// A node selector term: its requirements all hold (AND). A term without requirements matches no node,
/// as upstream.
/// </summary>
public sealed record NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    public ImmutableArray<NodeSelectorRequirement> MatchExpressions { get; init; } = [];

    /// <summary>Requirements on node fields; only <c>metadata.name</c> with In or NotIn is supported, as upstream.</summary>
    public ImmutableArray<NodeSelectorRequirement> MatchFields { get; init; } = [];
}
