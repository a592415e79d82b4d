namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A preferred node selector term and its weight (1–100) for scoring.</summary>
/// <param name="Weight">The weight added to a node's score when the term matches.</param>
/// <param name="Preference">The term.</param>
public sealed record PreferredSchedulingTerm(int Weight, NodeSelectorTerm Preference);
