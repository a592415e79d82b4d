namespace Sim.Cluster.Objects;

/// <summary>When the kubelet restarts a pod's containers.</summary>
public enum RestartPolicy
{
    /// <summary>Always (the default; Deployments and ReplicaSets require it).</summary>
    Always,

    /// <summary>Only after a failure (batch jobs).</summary>
    OnFailure,

    /// <summary>Never.</summary>
    Never,
}
