namespace Sim.Cluster.Labels;

/// <summary>
/// How a <see cref="LabelRequirement"/> relates its key to its values: the operators of upstream's
/// <c>k8s.io/apimachinery/pkg/selection</c>. The comments give each one's string form.
/// </summary>
public enum SelectorOperator
{
    /// <summary><c>key in (a,b)</c>: the label is present and its value is one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent, or its value is none of the values.</summary>
    NotIn,

    /// <summary><c>key=a</c>: the label is present with value <c>a</c>.</summary>
    Equal,

    /// <summary><c>key==a</c>: the same as <see cref="Equal"/>, printed with two '='.</summary>
    DoubleEqual,

    /// <summary><c>key!=a</c>: the label is absent, or its value is not <c>a</c>.</summary>
    NotEqual,

    /// <summary><c>key&gt;5</c>: the label is present, its value is an integer, and it is greater than the bound.</summary>
    GreaterThan,

    /// <summary><c>key&lt;5</c>: the label is present, its value is an integer, and it is less than the bound.</summary>
    LessThan,

    /// <summary><c>key</c>: the label is present, with any value.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,
}
