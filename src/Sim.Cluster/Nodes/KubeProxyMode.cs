namespace Sim.Cluster.Nodes;

/// <summary>How kube-proxy picks a backend.</summary>
public enum KubeProxyMode
{
    /// <summary>Uniformly at random among the ready endpoints (iptables mode).</summary>
    Random,

    /// <summary>In turn (IPVS mode's default round-robin scheduler).</summary>
    RoundRobin,
}
