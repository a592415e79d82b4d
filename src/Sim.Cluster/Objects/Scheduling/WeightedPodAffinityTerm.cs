namespace Sim.Cluster.Objects.Scheduling;

/// <summary>A preferred pod (anti-)affinity term and its weight (1–100).</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Term">The term.</param>
public sealed record WeightedPodAffinityTerm(int Weight, PodAffinityTerm Term);
