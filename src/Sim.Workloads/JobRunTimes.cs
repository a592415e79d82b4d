using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Workloads;

/// <summary>
/// Gives each pod of a generated Job its run time, as a mutating admission webhook would set a
/// batch pod's command: the k-th pod the Job creates (k from 0) gets the k-th draw of the Job's
/// <c>durations</c> stream as its container's <see cref="Container.RunFor"/>. The draws depend on the
/// Job and the pod's rank only, never on when or where the pod runs.
/// </summary>
internal sealed class JobRunTimes
{
    private readonly Dictionary<long, (Distribution Duration, Random Random)> _jobs = [];

    /// <summary>Installs the admission step on <paramref name="api"/>.</summary>
    public void Install(ApiServer api) => api.AddAdmission(Pod.KindName, obj => Admit((Pod)obj));

    /// <summary>Pods of the Job with <paramref name="jobUid"/> run for draws of <paramref name="duration"/> from <paramref name="random"/>.</summary>
    public void Add(long jobUid, Distribution duration, Random random) => _jobs.Add(jobUid, (duration, random));

    private Pod Admit(Pod pod)
    {
        if (pod.Owner is not { Kind: Job.KindName } owner || !_jobs.TryGetValue(owner.Uid, out var job))
        {
            return pod;
        }

        var runFor = PodTemplates.Seconds(job.Duration.Sample(job.Random));
        var containers = pod.Spec.Containers;
        for (var i = 0; i < containers.Length; i++)
        {
            if (containers[i].Name == PodTemplates.ContainerName)
            {
                return pod with { Spec = pod.Spec with { Containers = containers.SetItem(i, containers[i] with { RunFor = runFor }) } };
            }
        }

        return pod;
    }
}
