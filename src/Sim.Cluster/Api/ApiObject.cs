namespace Sim.Cluster.Api;

/// <summary>An object stored by the <see cref="ApiServer"/>: immutable; changes are new versions written with <c>with</c>.</summary>
public abstract record ApiObject
{
    /// <summary>Name, namespace, labels and server-set fields.</summary>
    public required ObjectMeta Metadata { get; init; }

    /// <summary>The kind, e.g. <c>Pod</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Where the object lives in the store.</summary>
    public ObjectKey Key => new(Kind, Metadata.Namespace, Metadata.Name);
}
