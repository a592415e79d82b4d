namespace Sim.Cluster.Objects;

/// <summary>What the disruption controller last computed for a budget.</summary>
public sealed record PodDisruptionBudgetStatus
{
    /// <summary>Matching pods that are ready and not being deleted.</summary>
    public int CurrentHealthy { get; init; }

    /// <summary>How many must stay healthy.</summary>
    public int DesiredHealthy { get; init; }

    /// <summary>How many pods are expected (from the owners' replica counts, or the matching pods).</summary>
    public int ExpectedPods { get; init; }

    /// <summary>How many pods may be evicted now: currentHealthy − desiredHealthy, at least 0.</summary>
    public int DisruptionsAllowed { get; init; }
}
