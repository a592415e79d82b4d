using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>
/// A Job (<c>batch/v1</c>, a subset): runs pods of its template until enough of them succeed, and
/// gives up after too many failures. The job controller runs it; see <see cref="JobSpec"/>.
/// </summary>
public sealed record Job : ApiObject, ISpecHolder
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Job";

    /// <summary>The label naming a pod's Job (upstream <c>batch.kubernetes.io/job-name</c>), added to the template at creation.</summary>
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    /// <summary>The older label naming a pod's Job (<c>job-name</c>), which upstream still adds too.</summary>
    public const string LegacyJobNameLabel = "job-name";

    /// <summary>Desired state.</summary>
    public JobSpec Spec { get; init; } = new();

    /// <summary>Observed state, kept by the job controller.</summary>
    public JobStatus Status { get; init; } = new();

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    object ISpecHolder.SpecObject => Spec;
}
