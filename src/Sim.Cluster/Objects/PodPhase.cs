namespace Sim.Cluster.Objects;

/// <summary>A pod's phase, as Kubernetes reports it.</summary>
public enum PodPhase
{
    /// <summary>Accepted, but not all containers are running: waiting for a node, an image or init containers.</summary>
    Pending,

    /// <summary>Bound to a node, and at least one container is running or restarting.</summary>
    Running,

    /// <summary>Every container ended with success and will not restart.</summary>
    Succeeded,

    /// <summary>Every container ended and at least one failed, and none will restart.</summary>
    Failed,

    /// <summary>The pod's state could not be obtained (its node stopped reporting).</summary>
    Unknown,
}
