using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// A node the preemptor would fit on once <paramref name="Victims"/> are gone (upstream's <c>Candidate</c>
/// with its <c>extenderv1.Victims</c>).
/// </summary>
/// <param name="NodeName">The node the preemptor would be nominated to.</param>
/// <param name="Victims">The pods to preempt, most important first.</param>
/// <param name="NumPdbViolations">How many of them are protected by a budget with no disruption left.</param>
public sealed record PreemptionCandidate(string NodeName, IReadOnlyList<Pod> Victims, int NumPdbViolations);
