namespace Sim.Cluster.Labels;

/// <summary>
/// A label selector in the structured API form (<c>metav1.LabelSelector</c>), as it appears under
/// <c>selector:</c> in a Deployment, ReplicaSet or affinity term. Plain data: turn it into a
/// <see cref="LabelSelector"/> with <see cref="LabelSelector.TryCreate"/>, which validates it.
/// </summary>
/// <remarks>
/// All requirements are ANDed. A spec with neither labels nor expressions selects everything;
/// a missing (null) spec selects nothing.
/// </remarks>
public sealed class LabelSelectorSpec
{
    /// <summary><c>matchLabels</c>: each entry requires that label with exactly that value. Optional.</summary>
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    /// <summary><c>matchExpressions</c>: set-based requirements. Optional.</summary>
    public IReadOnlyList<LabelSelectorExpression>? MatchExpressions { get; init; }
}
