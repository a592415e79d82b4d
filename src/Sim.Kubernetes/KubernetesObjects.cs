using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Kubernetes;

/// <summary>The objects read from Kubernetes YAML, by kind, each list in file order.</summary>
public sealed record KubernetesObjects
{
    /// <summary>No objects.</summary>
    public static KubernetesObjects Empty { get; } = new();

    /// <summary>Every object in file order.</summary>
    public ImmutableArray<ApiObject> All { get; init; } = [];

    /// <summary>The Nodes.</summary>
    public ImmutableArray<Node> Nodes => [.. All.OfType<Node>()];

    /// <summary>The Pods.</summary>
    public ImmutableArray<Pod> Pods => [.. All.OfType<Pod>()];

    /// <summary>The Deployments.</summary>
    public ImmutableArray<Deployment> Deployments => [.. All.OfType<Deployment>()];

    /// <summary>The ReplicaSets.</summary>
    public ImmutableArray<ReplicaSet> ReplicaSets => [.. All.OfType<ReplicaSet>()];

    /// <summary>The ReplicationControllers.</summary>
    public ImmutableArray<ReplicationController> ReplicationControllers => [.. All.OfType<ReplicationController>()];

    /// <summary>The Services.</summary>
    public ImmutableArray<Service> Services => [.. All.OfType<Service>()];

    /// <summary>The PodDisruptionBudgets.</summary>
    public ImmutableArray<PodDisruptionBudget> PodDisruptionBudgets => [.. All.OfType<PodDisruptionBudget>()];

    /// <summary>The PriorityClasses.</summary>
    public ImmutableArray<PriorityClass> PriorityClasses => [.. All.OfType<PriorityClass>()];
}
