using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// What the API server fills in on a new Job, as upstream's <c>SetDefaults_Job</c> and the Job
/// registry's selector generation: parallelism 1 when unset; completions 1 when both completions and
/// parallelism are unset; the <see cref="Job.JobNameLabel"/> and <see cref="Job.LegacyJobNameLabel"/>
/// labels on the pod template. Upstream's generated selector and <c>controller-uid</c> labels are not
/// modelled: the job controller counts the pods it owns by uid.
/// </summary>
public static class JobDefaults
{
    /// <summary>The Job with its defaults filled in.</summary>
    public static Job Apply(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.Spec;
        var completions = spec.Completions is null && spec.Parallelism is null ? 1 : spec.Completions;
        var template = spec.Template;
        var name = job.Metadata.Name;
        var labels = template.Labels.SetItem(Job.JobNameLabel, name).SetItem(Job.LegacyJobNameLabel, name);
        return job with
        {
            Spec = spec with
            {
                Parallelism = spec.Parallelism ?? 1,
                Completions = completions,
                Template = template with { Labels = labels },
            },
        };
    }
}
