namespace Sim.Cluster.Objects;

/// <summary>
/// How a Job runs its pods. As upstream's defaulting at creation: <see cref="Parallelism"/> unset
/// becomes 1, and when <see cref="Completions"/> and parallelism are both unset, completions
/// becomes 1. A Job whose completions stay unset (parallelism set) has upstream's work-queue
/// semantics: it is complete once any pod has succeeded and none is still running, and it starts
/// no new pod after the first success.
/// </summary>
public sealed record JobSpec
{
    /// <summary>At most this many pods run at once (never more than the completions still missing). Defaulted to 1.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Successful pods needed; see the type's remarks for unset.</summary>
    public int? Completions { get; init; }

    /// <summary>The Job fails when more pods than this have failed. Default 6.</summary>
    public int BackoffLimit { get; init; } = 6;

    /// <summary>
    /// The pods it creates; restartPolicy must be Never or OnFailure. The pods also get the
    /// <see cref="Job.JobNameLabel"/> and <see cref="Job.LegacyJobNameLabel"/> labels.
    /// </summary>
    public PodTemplate Template { get; init; } = new();

    /// <summary>
    /// Seconds after the Job finishes (Complete or Failed) until it and its pods are deleted; null
    /// keeps it. Upstream's TTL-after-finished controller.
    /// </summary>
    public int? TtlSecondsAfterFinished { get; init; }
}
