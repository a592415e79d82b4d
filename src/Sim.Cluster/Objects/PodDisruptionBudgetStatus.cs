using System.Collections.Immutable;
using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>What the disruption controller last computed for a budget.</summary>
public sealed record PodDisruptionBudgetStatus
{
    private static readonly ImmutableSortedDictionary<string, SimTime> NoDisruptedPods =
        ImmutableSortedDictionary.Create<string, SimTime>(StringComparer.Ordinal);

    /// <summary>Matching pods that are ready and not being deleted.</summary>
    public int CurrentHealthy { get; init; }

    /// <summary>How many must stay healthy.</summary>
    public int DesiredHealthy { get; init; }

    /// <summary>How many pods are expected (from the owners' replica counts, or the matching pods).</summary>
    public int ExpectedPods { get; init; }

    /// <summary>How many pods may be evicted now: currentHealthy − desiredHealthy, at least 0.</summary>
    public int DisruptionsAllowed { get; init; }

    /// <summary>
    /// Pods (by name) whose eviction the API server has processed but the controller has not yet seen
    /// go, with the time of the eviction (upstream's <c>status.disruptedPods</c>). Empty by default;
    /// the scheduler's preemption does not count these against the budget a second time.
    /// </summary>
    public ImmutableSortedDictionary<string, SimTime> DisruptedPods { get; init; } = NoDisruptedPods;
}
