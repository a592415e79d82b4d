using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects;

/// <summary>What a Deployment wants: how many pods of which template, and how to roll changes out.</summary>
public sealed record DeploymentSpec
{
    /// <summary>Desired number of pods.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The pods it manages (<c>matchLabels</c> / <c>matchExpressions</c>); the template's labels must match it.</summary>
    public LabelSelector Selector { get; init; } = LabelSelector.Nothing;

    /// <summary>The pods it runs; changing it starts a rollout.</summary>
    public PodTemplate Template { get; init; } = new();

    /// <summary>How long a new pod must be ready to count as available; passed to its ReplicaSets.</summary>
    public int MinReadySeconds { get; init; }

    /// <summary>The rolling-update limits.</summary>
    public DeploymentStrategy Strategy { get; init; } = new();
}
