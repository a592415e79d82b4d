namespace Sim.Cluster.Objects;

/// <summary>A pod's quality-of-service class: the order in which the kubelet evicts under pressure.</summary>
public enum QosClass
{
    /// <summary>No container requests or limits CPU or memory.</summary>
    BestEffort,

    /// <summary>Anything between.</summary>
    Burstable,

    /// <summary>Every container has CPU and memory limits equal to its requests.</summary>
    Guaranteed,
}
