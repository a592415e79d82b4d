namespace Sim.Cluster.Api;

/// <summary>Where an object lives in the API server's store: kind, namespace and name, ordered ordinally.</summary>
/// <param name="Kind">The object's kind, e.g. <c>Pod</c>.</param>
/// <param name="Namespace">Its namespace; empty for cluster-scoped kinds such as <c>Node</c>.</param>
/// <param name="Name">Its name, unique within kind and namespace.</param>
public readonly record struct ObjectKey(string Kind, string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <inheritdoc />
    public int CompareTo(ObjectKey other)
    {
        var kind = string.CompareOrdinal(Kind, other.Kind);
        if (kind != 0)
        {
            return kind;
        }

        var ns = string.CompareOrdinal(Namespace, other.Namespace);
        return ns != 0 ? ns : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Ordinal equality of kind, namespace and name (the name, which tells keys apart most often, first).</summary>
    public bool Equals(ObjectKey other) =>
        string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal);

    /// <summary>
    /// A hash of the name in which names that differ only in a trailing number (<c>app-1-17</c>,
    /// <c>app-1-18</c>, <c>node-00042</c>) get consecutive values: the prefix before the number
    /// (at most nine digits) hashed and mixed, plus the number, plus the kind's first letter and length
    /// and the namespace's length. A dictionary puts consecutive hashes in neighbouring buckets, so the
    /// lookups of objects created one after another, which the control plane makes one after another,
    /// share cache lines. Nothing depends on hash order.
    /// </summary>
    public override int GetHashCode()
    {
        // Null strings (a default key) hash as empty ones.
        var kind = Kind is { Length: > 0 } k ? (k[0] << 8) | k.Length : 0;
        var (prefix, number) = NameHash(Name ?? string.Empty);
        return (int)((prefix * 0x9E3779B1u) + number + (uint)(kind * -1640531535) + ((uint)(Namespace?.Length ?? 0) * 0x85EBCA6Bu));
    }

    /// <summary>
    /// The name split into its trailing number (up to nine digits; 0 when there is none) and an FNV-1a
    /// hash of the rest.
    /// </summary>
    internal static (uint Prefix, uint Number) NameHash(string name)
    {
        var start = TrailingNumberStart(name);
        var number = TrailingNumber(name, start);
        var prefix = 2166136261u;
        for (var i = 0; i < start; i++)
        {
            prefix = (prefix ^ name[i]) * 16777619u;
        }

        return (prefix, number);
    }

    /// <summary>The value of the digits of <paramref name="name"/> from <paramref name="start"/> (<see cref="TrailingNumberStart"/>) on; 0 when there are none.</summary>
    internal static uint TrailingNumber(string name, int start)
    {
        var number = 0u;
        for (var i = start; i < name.Length; i++)
        {
            number = (number * 10) + (uint)(name[i] - '0');
        }

        return number;
    }

    /// <summary>Where the name's trailing run of digits (at most nine) starts; its length when there is none.</summary>
    internal static int TrailingNumberStart(string name)
    {
        var start = name.Length;
        while (start > 0 && name.Length - start < 9 && (uint)(name[start - 1] - '0') <= 9)
        {
            start--;
        }

        return start;
    }

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary>Less than.</summary>
    public static bool operator <(ObjectKey left, ObjectKey right) => left.CompareTo(right) < 0;
    /// <summary>Greater than.</summary>
    public static bool operator >(ObjectKey left, ObjectKey right) => left.CompareTo(right) > 0;
    /// <summary>Less than or equal.</summary>
    public static bool operator <=(ObjectKey left, ObjectKey right) => left.CompareTo(right) <= 0;
    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(ObjectKey left, ObjectKey right) => left.CompareTo(right) >= 0;
}
