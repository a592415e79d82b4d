using Sim.Cluster.Resources;

namespace Sim.Cluster;

/// <summary>
/// A container of a pod: what it asks for and how it restarts. In <c>initContainers</c>, a container
/// with <see cref="RestartAlways"/> is a sidecar (a restartable init container): it starts before the
/// app containers and keeps running beside them.
/// </summary>
/// <param name="Name">The container's name, unique in its pod.</param>
/// <param name="Requests">What the scheduler reserves for it.</param>
/// <param name="Limits">What the kubelet caps it at (defaults to no limits).</param>
/// <param name="Image">Its image reference, for image locality and pull times.</param>
/// <param name="RestartAlways">For an init container: <c>restartPolicy: Always</c>, i.e. a sidecar.</param>
public sealed record Container(
    string Name,
    ResourceList Requests,
    ResourceList? Limits = null,
    string? Image = null,
    bool RestartAlways = false)
{
    /// <summary>Ports the container exposes; those with a host port claim it on the node.</summary>
    public System.Collections.Immutable.ImmutableArray<ContainerPort> Ports { get; init; } = [];

    /// <summary>
    /// For an app container: how long it runs before it exits with code 0 (a batch task's work), counted
    /// from each start; null (the default) runs until stopped. The kubelet then restarts it or lets the
    /// pod finish, as the pod's restart policy says. Init containers and sidecars ignore it.
    /// </summary>
    public TimeSpan? RunFor { get; init; }

    /// <summary>Its limits, or an empty list.</summary>
    public ResourceList LimitsOrEmpty => Limits ?? ResourceList.Empty;
}
