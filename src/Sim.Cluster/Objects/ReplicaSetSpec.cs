using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects;

/// <summary>How many pods a ReplicaSet keeps, which pods it counts, how it makes them, and when they count as available.</summary>
public sealed record ReplicaSetSpec
{
    /// <summary>Desired number of pods.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// The pods it counts (besides owning them): <c>matchLabels</c> and <c>matchExpressions</c>, built with
    /// <see cref="LabelSelector.TryCreate"/>. The default, <see cref="LabelSelector.Nothing"/>, is what a
    /// missing selector means; the template's labels must match it.
    /// </summary>
    public LabelSelector Selector { get; init; } = LabelSelector.Nothing;

    /// <summary>The pods it creates.</summary>
    public PodTemplate Template { get; init; } = new();

    /// <summary>How long a pod must have been ready, without a container crash, to count as available. Default 0.</summary>
    public int MinReadySeconds { get; init; }
}
