namespace Sim.Cluster.Objects;

/// <summary>How a Service is reached.</summary>
public enum ServiceType
{
    /// <summary>A virtual IP inside the cluster (the default).</summary>
    ClusterIP,

    /// <summary>A ClusterIP plus a port on every node.</summary>
    NodePort,
}
