using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A pod (anti-)affinity term: pods matching the selector, in the namespaces, within one topology domain.</summary>
/// <param name="LabelSelector">Which pods count.</param>
/// <param name="TopologyKey">The node label that defines a domain (e.g. <c>topology.kubernetes.io/zone</c>).</param>
/// <param name="Namespaces">Namespaces of those pods; empty means the pod's own.</param>
public sealed record PodAffinityTerm(LabelSelector LabelSelector, string TopologyKey, ImmutableArray<string> Namespaces = default);
