namespace Sim.Cluster.Resources;

/// <summary>
/// A pod's effective request, as Kubernetes computes it
/// (<c>k8s.io/component-helpers/resource.PodRequests</c>): the app containers and sidecars run
/// together, each regular init container runs alone beside the sidecars started before it, and the
/// pod needs the larger of the two, plus its overhead.
/// </summary>
/// <remarks>
/// <code>
/// running      = Σ containers + Σ sidecars
/// init(i)      = init container i + Σ sidecars declared before i     (regular init containers)
/// init(s)      = Σ sidecars up to and including s                     (sidecars)
/// request      = max(running, max_i init(i)) + overhead               (per resource)
/// </code>
/// Pod-level resources (<c>spec.resources</c>, beta in Kubernetes 1.34) are not modelled.
/// </remarks>
public static class PodRequests
{
    /// <summary>The CPU kube-scheduler assumes for a container that states none, when scoring: 100m.</summary>
    public const long DefaultMilliCpuRequest = 100;

    /// <summary>The memory kube-scheduler assumes for a container that states none, when scoring: 200 MiB.</summary>
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    /// <summary>The effective request of a pod with these containers and overhead.</summary>
    public static ResourceList Compute(
        IReadOnlyList<Container> containers,
        IReadOnlyList<Container> initContainers,
        ResourceList? overhead = null,
        PodRequestOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(initContainers);
        var running = ResourceList.Empty;
        foreach (var container in containers)
        {
            running = running.Add(RequestOf(container, options));
        }

        var sidecars = ResourceList.Empty;
        var initPeak = ResourceList.Empty;
        foreach (var container in initContainers)
        {
            var request = RequestOf(container, options);
            ResourceList whileInitializing;
            if (container.RestartAlways)
            {
                running = running.Add(request);
                sidecars = sidecars.Add(request);
                whileInitializing = sidecars;
            }
            else
            {
                whileInitializing = request.Add(sidecars);
            }

            initPeak = initPeak.Max(whileInitializing);
        }

        var total = running.Max(initPeak);
        if (!options.ExcludeOverhead && overhead is not null)
        {
            total = total.Add(overhead);
        }

        return total;
    }

    private static ResourceList RequestOf(Container container, PodRequestOptions options) =>
        options.NonMissingContainerRequests is { } defaults
            ? container.Requests.WithDefaultsForMissing(defaults)
            : container.Requests;
}
