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
    /// The name's ordinal hash mixed with the kind's first letter and length and the namespace's length:
    /// one string hashed per lookup instead of three (keys of one store share kind and mostly namespace).
    /// Like any string hash it varies between processes; nothing here depends on hash order.
    /// </summary>
    public override int GetHashCode()
    {
        // Null strings (a default key) hash as empty ones.
        var kind = Kind is { Length: > 0 } k ? (k[0] << 8) | k.Length : 0;
        var name = StringComparer.Ordinal.GetHashCode(Name ?? string.Empty);
        return name ^ (kind * -1640531535) ^ (Namespace?.Length ?? 0);
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
