using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Workloads;

/// <summary>
/// A <see cref="JobWorkload"/>'s items: item i is a Job <c>NAME-i</c> whose pods never restart and
/// run for a time drawn per pod (see <see cref="JobRunTimes"/>).
/// </summary>
internal sealed class JobRun(WorkloadDriver driver, SimulatedCluster cluster, JobWorkload spec)
    : ArrivalRun(driver, cluster, spec)
{
    protected override void Arrive(int index, string name)
    {
        // Every draw first, in a fixed order, so that what is drawn never depends on what the API does.
        var (container, annotations) = PodTemplates.Draw(spec.Pod, Items);
        var parallelism = PodTemplates.PodCount(spec.Parallelism.Sample(Items), spec.Name, "parallelism");
        var completions = spec.Completions is { } distribution
            ? PodTemplates.PodCount(distribution.Sample(Items), spec.Name, "completions")
            : parallelism;

        var labels = PodTemplates.Labels(spec, name);
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = name, Namespace = spec.Namespace, Labels = labels },
            Spec = new JobSpec
            {
                Parallelism = parallelism,
                Completions = completions,
                TtlSecondsAfterFinished = PodTemplates.TtlSeconds(spec.TtlAfterFinished),
                Template = PodTemplates.Template(labels, annotations, PodTemplates.Spec(spec, spec.Pod, container, RestartPolicy.Never)),
            },
        };
        var created = Create(job);
        if (created.IsOk)
        {
            Driver.RecordPods(completions);
            Driver.RunTimes.Add(created.Value!.Metadata.Uid, spec.Duration, Streams.For("durations", index));
        }
    }
}
