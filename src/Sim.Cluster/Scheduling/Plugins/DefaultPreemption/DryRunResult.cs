namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>What a preemption dry run found.</summary>
/// <param name="Candidates">The candidates: those violating no budget first, then the others, each in search order.</param>
/// <param name="NodeStatuses">Why each node that is no candidate was rejected.</param>
/// <param name="Errors">The errors met on some nodes (the run goes on past them).</param>
public sealed record DryRunResult(IReadOnlyList<PreemptionCandidate> Candidates, NodeToStatus NodeStatuses, IReadOnlyList<Status> Errors);
