using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>What the kubelet and the control plane report about a pod.</summary>
public sealed record PodStatus
{
    // The optional times in 8 bytes each (OptionalTime): a status is copied on every status write.
    private readonly long _scheduledAt = OptionalTime.None;
    private readonly long _initializedAt = OptionalTime.None;
    private readonly long _readySince = OptionalTime.None;
    private readonly long _startedAt = OptionalTime.None;
    private readonly long _finishedAt = OptionalTime.None;

    /// <summary>The phase.</summary>
    public PodPhase Phase { get; init; } = PodPhase.Pending;

    /// <summary>When the pod was bound (PodScheduled became true); null until then.</summary>
    public SimTime? ScheduledAt { get => OptionalTime.Load(_scheduledAt); init => _scheduledAt = OptionalTime.Store(value); }

    /// <summary>When its init containers finished; null until then.</summary>
    public SimTime? InitializedAt { get => OptionalTime.Load(_initializedAt); init => _initializedAt = OptionalTime.Store(value); }

    /// <summary>When it last became ready; null while not ready.</summary>
    public SimTime? ReadySince { get => OptionalTime.Load(_readySince); init => _readySince = OptionalTime.Store(value); }

    /// <summary>The node preemption made room on for this pod; empty when none.</summary>
    public string NominatedNodeName { get; init; } = string.Empty;

    /// <summary>When the kubelet started it (accepted it on the node).</summary>
    public SimTime? StartedAt { get => OptionalTime.Load(_startedAt); init => _startedAt = OptionalTime.Store(value); }

    /// <summary>When the pod reached Succeeded or Failed (its last app container ended, or the kubelet rejected it); null until then.</summary>
    public SimTime? FinishedAt { get => OptionalTime.Load(_finishedAt); init => _finishedAt = OptionalTime.Store(value); }

    /// <summary>Container restarts so far (all containers).</summary>
    public int Restarts { get; init; }

    /// <summary>A short machine-readable reason for the current state, e.g. <c>Evicted</c>.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>A human-readable message for the reason, e.g. the scheduler's <c>0/3 nodes are available: …</c>.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>True when the pod is ready (its Ready condition is true).</summary>
    public bool IsReady => _readySince != OptionalTime.None;
}
