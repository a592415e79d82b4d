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
