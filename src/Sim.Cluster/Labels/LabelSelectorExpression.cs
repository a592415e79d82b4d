namespace Sim.Cluster.Labels;

/// <summary>
/// One entry of <c>matchExpressions</c> in a structured label selector
/// (<c>metav1.LabelSelectorRequirement</c>). Plain data, as read from YAML; validated by
/// <see cref="LabelSelector.TryCreate"/>.
/// </summary>
public sealed class LabelSelectorExpression
{
    /// <summary><c>key</c>: the label key the expression is about.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>
    /// <c>operator</c>: <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c> (case-sensitive,
    /// as in the Kubernetes API).
    /// </summary>
    public string Operator { get; init; } = string.Empty;

    /// <summary>
    /// <c>values</c>: required (non-empty) for <c>In</c> and <c>NotIn</c>, forbidden for <c>Exists</c>
    /// and <c>DoesNotExist</c>.
    /// </summary>
    public IReadOnlyList<string>? Values { get; init; }
}
