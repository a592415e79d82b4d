namespace Sim.Cluster.Resources;

/// <summary>How <see cref="PodRequests.Compute"/> counts a pod (upstream's <c>PodResourcesOptions</c>).</summary>
/// <param name="ExcludeOverhead">Leave the pod overhead (the sandbox's cost) out.</param>
/// <param name="NonMissingContainerRequests">
/// CPU and memory amounts given to every container (regular, init or sidecar) that does not state
/// that request at all; an explicit zero is kept. Only CPU and memory are taken from this list.
/// </param>
public readonly record struct PodRequestOptions(bool ExcludeOverhead = false, ResourceList? NonMissingContainerRequests = null)
{
    /// <summary>
    /// What kube-scheduler's NodeResourcesFit scoring uses: a container without a CPU request counts
    /// as 100m and one without a memory request as 200 MiB (<see cref="PodRequests.DefaultMilliCpuRequest"/>,
    /// <see cref="PodRequests.DefaultMemoryRequest"/>). Filtering uses the plain requests.
    /// </summary>
    public static PodRequestOptions ForScoring { get; } = new(
        NonMissingContainerRequests: ResourceList.Builder().Cpu(PodRequests.DefaultMilliCpuRequest).Memory(PodRequests.DefaultMemoryRequest).Build());
}
