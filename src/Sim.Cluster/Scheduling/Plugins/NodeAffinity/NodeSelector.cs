using System.Collections.Immutable;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// A required node selector as the API writes it (<c>v1.NodeSelector</c>): terms that are ORed. Unlike a
/// pod's required node affinity in Sim's model, an absent selector (null) and one with no terms differ:
/// the latter matches no node.
/// </summary>
public sealed record NodeSelector
{
    /// <summary><c>nodeSelectorTerms</c>: a node must match at least one.</summary>
    public ImmutableArray<NodeSelectorTerm> NodeSelectorTerms { get; init; } = [];
}
