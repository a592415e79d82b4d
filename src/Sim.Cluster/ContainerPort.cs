namespace Sim.Cluster;

/// <summary>A port a container exposes. A non-zero <paramref name="HostPort"/> claims that port on the node.</summary>
/// <param name="Port">The port inside the pod's network namespace.</param>
/// <param name="HostPort">The node port it is published on; 0 for none.</param>
/// <param name="Protocol">TCP (the default), UDP or SCTP.</param>
/// <param name="HostIP">The node address the host port binds; empty means every address (0.0.0.0).</param>
public sealed record ContainerPort(int Port, int HostPort = 0, string Protocol = "TCP", string HostIP = "");
