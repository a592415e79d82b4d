namespace Sim.Cluster.Objects;

/// <summary>A port a Service exposes.</summary>
/// <param name="Port">The service port.</param>
/// <param name="TargetPort">The pods' port.</param>
/// <param name="NodePort">For a NodePort service, the port on every node; 0 otherwise.</param>
public sealed record ServicePort(int Port, int TargetPort, int NodePort = 0);
