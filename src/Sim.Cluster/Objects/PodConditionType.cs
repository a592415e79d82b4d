namespace Sim.Cluster.Objects;

/// <summary>The conditions a pod's status carries.</summary>
public enum PodConditionType
{
    /// <summary>The pod is bound to a node.</summary>
    PodScheduled,

    /// <summary>Every init container finished.</summary>
    Initialized,

    /// <summary>Every container is ready.</summary>
    ContainersReady,

    /// <summary>The pod can serve: it is added to its Services' endpoints.</summary>
    Ready,
}
