using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// How nodes fall into the domains of one topology key: a node takes part when it has every one of
/// <see cref="RequiredKeys"/> (its domain is its value of <see cref="Key"/>), or, with
/// <see cref="MissingAsEmpty"/>, every node takes part and one without the key is in the domain "".
/// Compared by value.
/// </summary>
internal sealed class DomainSpec : IEquatable<DomainSpec>
{
    private readonly int _hash;

    private DomainSpec(string key, string[] requiredKeys, bool missingAsEmpty)
    {
        Key = key;
        RequiredKeys = requiredKeys;
        MissingAsEmpty = missingAsEmpty;
        var hash = new HashCode();
        hash.Add(key, StringComparer.Ordinal);
        hash.Add(missingAsEmpty);
        foreach (var k in requiredKeys)
        {
            hash.Add(k, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The topology key.</summary>
    public string Key { get; }

    /// <summary>The keys a node must have to take part (sorted, distinct, <see cref="Key"/> among them); empty with <see cref="MissingAsEmpty"/>.</summary>
    public string[] RequiredKeys { get; }

    /// <summary>Every node takes part; one without <see cref="Key"/> is in the domain "".</summary>
    public bool MissingAsEmpty { get; }

    /// <summary>The nodes with <paramref name="key"/>, by its value (an affinity term's topology).</summary>
    public static DomainSpec Of(string key) => new(key, [key], missingAsEmpty: false);

    /// <summary>The nodes with every key of <paramref name="requiredKeys"/> (which must come from <see cref="SortedKeys"/> and hold <paramref name="key"/>), by their value of <paramref name="key"/>.</summary>
    public static DomainSpec Of(string key, string[] requiredKeys) => new(key, requiredKeys, missingAsEmpty: false);

    /// <summary>Every node, by its value of <paramref name="key"/> ("" when it has none).</summary>
    public static DomainSpec OrEmpty(string key) => new(key, [], missingAsEmpty: true);

    /// <summary>The distinct keys of <paramref name="items"/>, sorted ordinally.</summary>
    public static string[] SortedKeys<T>(T[] items, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        var keys = new List<string>(items.Length);
        foreach (var item in items)
        {
            var k = key(item);
            if (!keys.Contains(k, StringComparer.Ordinal))
            {
                keys.Add(k);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return [.. keys];
    }

    /// <summary>The node's domain, or null when it does not take part.</summary>
    public string? ValueOf(ImmutableSortedDictionary<string, string> labels)
    {
        if (MissingAsEmpty)
        {
            return labels.TryGetValue(Key, out var v) ? v : string.Empty;
        }

        string? value = null;
        foreach (var k in RequiredKeys)
        {
            if (!labels.TryGetValue(k, out var v))
            {
                return null;
            }

            if (ReferenceEquals(k, Key) || string.Equals(k, Key, StringComparison.Ordinal))
            {
                value = v;
            }
        }

        return value;
    }

    /// <inheritdoc />
    public bool Equals(DomainSpec? other) =>
        ReferenceEquals(this, other)
        || (other is not null && other._hash == _hash && other.MissingAsEmpty == MissingAsEmpty && string.Equals(other.Key, Key, StringComparison.Ordinal)
            && other.RequiredKeys.AsSpan().SequenceEqual(RequiredKeys, StringComparer.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DomainSpec);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
