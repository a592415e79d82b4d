namespace Sim.Cluster.Labels;

/// <summary>The tokens of the selector syntax (upstream's <c>labels.Token</c>).</summary>
internal enum SelectorTokenKind
{
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEqual,
    Equal,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEqual,
    NotIn,
    OpenParenthesis,
}
