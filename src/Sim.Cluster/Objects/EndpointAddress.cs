namespace Sim.Cluster.Objects;

/// <summary>One backend of a Service.</summary>
/// <param name="PodName">The pod.</param>
/// <param name="NodeName">The node it runs on.</param>
public sealed record EndpointAddress(string PodName, string NodeName);
