namespace Sim.Cluster.Objects;

/// <summary>An image present on a node.</summary>
/// <param name="Name">The image reference.</param>
/// <param name="SizeBytes">Its size, for image locality scoring and pull times.</param>
public sealed record ContainerImage(string Name, long SizeBytes);
