using Sim.Cluster.Api;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects;

/// <summary>
/// A PodDisruptionBudget: how many of the pods its selector matches must stay healthy during voluntary
/// disruptions (evictions, drains). Exactly one of <see cref="MinAvailable"/> and
/// <see cref="MaxUnavailable"/> is set.
/// </summary>
public sealed record PodDisruptionBudget : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "PodDisruptionBudget";

    /// <summary>The pods it protects (same namespace).</summary>
    public LabelSelector Selector { get; init; } = LabelSelector.Nothing;

    /// <summary>How many must stay available (a count or a percentage of the expected pods).</summary>
    public IntOrPercent? MinAvailable { get; init; }

    /// <summary>How many may be unavailable (a count or a percentage of the expected pods).</summary>
    public IntOrPercent? MaxUnavailable { get; init; }

    /// <summary>Kept by the disruption controller.</summary>
    public PodDisruptionBudgetStatus Status { get; init; } = new();

    /// <inheritdoc />
    public override string Kind => KindName;
}
