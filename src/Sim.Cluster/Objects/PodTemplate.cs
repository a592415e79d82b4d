using System.Collections.Immutable;

namespace Sim.Cluster.Objects;

/// <summary>The pods a controller makes: their labels and spec.</summary>
public sealed record PodTemplate
{
    /// <summary>Labels every pod gets; a controller's selector must match them.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The pods' spec.</summary>
    public PodSpec Spec { get; init; } = new();
}
