using System.Collections.Immutable;

namespace Sim.Cluster.Objects;

/// <summary>The pods a controller makes: their labels, annotations and spec.</summary>
public sealed record PodTemplate
{
    /// <summary>Labels every pod gets; a controller's selector must match them.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Annotations every pod gets (e.g. a GPU request, <see cref="Gpu.GpuAnnotations"/>); empty by default.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The pods' spec.</summary>
    public PodSpec Spec { get; init; } = new();
}
