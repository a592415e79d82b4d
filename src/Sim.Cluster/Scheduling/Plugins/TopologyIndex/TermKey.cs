namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>An affinity term compared by value: namespaces, selector and topology key.</summary>
internal sealed class TermKey : IEquatable<TermKey>
{
    private readonly AffinityTerm _term;
    private readonly int _hash;

    public TermKey(AffinityTerm term)
    {
        _term = term;
        var hash = new HashCode();
        hash.Add(term.TopologyKey, StringComparer.Ordinal);
        hash.Add(term.Selector);
        foreach (var ns in term.Namespaces)
        {
            hash.Add(ns, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <inheritdoc />
    public bool Equals(TermKey? other) =>
        ReferenceEquals(this, other)
        || (other is not null && other._hash == _hash
            && string.Equals(other._term.TopologyKey, _term.TopologyKey, StringComparison.Ordinal)
            && other._term.Selector.Equals(_term.Selector)
            && other._term.Namespaces.AsSpan().SequenceEqual(_term.Namespaces.AsSpan(), StringComparer.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TermKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
