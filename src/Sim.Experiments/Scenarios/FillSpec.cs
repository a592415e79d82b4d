using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Experiments.Fill;

namespace Sim.Experiments.Scenarios;

/// <summary>
/// An arrival-only "fill the cluster" experiment (<see cref="FillExperiment"/>, fgd-method.md §3) in
/// place of a simulation in time: the scenario's nodes (<see cref="Scenario.Cluster"/>) receive
/// <see cref="Pods"/> one at a time, nothing leaves, and the metrics are recorded against the arrived
/// GPU workload (<c>arrived_pct</c>) instead of time.
/// </summary>
public sealed record FillSpec
{
    /// <summary>The trace format the node and pod lists are in (<c>openb</c>).</summary>
    public required string Format { get; init; }

    /// <summary>The node list, as resolved from the scenario.</summary>
    public required string NodesFile { get; init; }

    /// <summary>The pod list, as resolved from the scenario.</summary>
    public required string PodsFile { get; init; }

    /// <summary>The pods of <see cref="PodsFile"/>, in file order (the run sorts, shuffles and inflates them).</summary>
    public required ImmutableArray<Pod> Pods { get; init; }

    /// <summary>How runs prepare and measure (the seed is each run's own).</summary>
    public FillOptions Options { get; init; } = new();
}
