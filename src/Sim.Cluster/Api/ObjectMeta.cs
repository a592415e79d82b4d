using System.Collections.Immutable;
using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>The metadata every API object carries; the server sets the fields after <see cref="Annotations"/>.</summary>
public sealed record ObjectMeta
{
    private static readonly ImmutableSortedDictionary<string, string> NoAnnotations = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The object's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its namespace; empty for cluster-scoped kinds.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Its labels.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Its annotations: non-identifying data for tools and extensions (no selector matches them), e.g.
    /// the GPU-sharing requests and device assignment of <see cref="Gpu.GpuAnnotations"/>. Empty by default.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = NoAnnotations;

    /// <summary>Set by the server: the store's version at the object's last write. An update must carry the current one.</summary>
    public long ResourceVersion { get; init; }

    /// <summary>Set by the server at creation: a unique id, deterministic (a counter, not a random GUID).</summary>
    public long Uid { get; init; }

    /// <summary>Set by the server at creation: the simulated time it was created.</summary>
    public SimTime CreatedAt { get; init; }
}
