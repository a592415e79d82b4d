using System.Collections.Immutable;

namespace Sim.Cluster.Objects;

/// <summary>How many pods a ReplicationController keeps, which pods it counts, and how it makes them.</summary>
public sealed record ReplicationControllerSpec
{
    /// <summary>Desired number of pods.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Equality selector: a pod counts when it has every one of these labels.</summary>
    public ImmutableSortedDictionary<string, string> Selector { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The pods it creates.</summary>
    public PodTemplate Template { get; init; } = new();
}
