using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Scheduling;

/// <summary>
/// A pod with what the scheduler derives from it once (upstream's <c>framework.PodInfo</c>): its
/// effective requests, the non-zero CPU and memory used for scoring, and its affinity terms resolved
/// for matching.
/// </summary>
public sealed class PodInfo
{
    private static readonly ImmutableArray<AffinityTerm> NoTerms = [];
    private static readonly ImmutableArray<WeightedAffinityTerm> NoWeightedTerms = [];

    /// <summary>Derives the scheduler's view of <paramref name="pod"/>.</summary>
    public PodInfo(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Pod = pod;
        Requests = pod.Spec.Requests();
        var nonZero = pod.Spec.Containers.IsDefaultOrEmpty && pod.Spec.InitContainers.IsDefaultOrEmpty
            ? Requests
            : pod.Spec.Requests(PodRequestOptions.ForScoring);
        NonZeroMilliCpu = nonZero.MilliCpu;
        NonZeroMemory = nonZero.Memory;
        var ns = pod.Metadata.Namespace;
        var affinity = pod.Spec.Affinity;
        RequiredAffinityTerms = Resolve(affinity?.PodAffinity?.Required, ns);
        RequiredAntiAffinityTerms = Resolve(affinity?.PodAntiAffinity?.Required, ns);
        PreferredAffinityTerms = Resolve(affinity?.PodAffinity?.Preferred, ns);
        PreferredAntiAffinityTerms = Resolve(affinity?.PodAntiAffinity?.Preferred, ns);
        HasHostPorts = AnyHostPort(pod.Spec);
    }

    private PodInfo(PodInfo source, Pod pod)
    {
        Pod = pod;
        Requests = source.Requests;
        NonZeroMilliCpu = source.NonZeroMilliCpu;
        NonZeroMemory = source.NonZeroMemory;
        RequiredAffinityTerms = source.RequiredAffinityTerms;
        RequiredAntiAffinityTerms = source.RequiredAntiAffinityTerms;
        PreferredAffinityTerms = source.PreferredAffinityTerms;
        PreferredAntiAffinityTerms = source.PreferredAntiAffinityTerms;
        HasHostPorts = source.HasHostPorts;
    }

    /// <summary>
    /// The info of this pod assumed on <paramref name="nodeName"/> (<c>spec.nodeName</c> set), as the
    /// scheduler puts it in its cache: the requests and affinity terms worked out for this pod are shared,
    /// not computed again (a node name changes neither).
    /// </summary>
    public PodInfo AssumedOn(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        return new PodInfo(this, Pod with { Spec = Pod.Spec with { NodeName = nodeName } }) { IsAssumed = true };
    }

    /// <summary>
    /// The pod. The cache swaps in a newer version of the same pod when only its status changed
    /// (nothing derived here depends on the status).
    /// </summary>
    public Pod Pod { get; internal set; }

    /// <summary>The effective request (max of the app containers' sum and the largest init container, plus overhead).</summary>
    public ResourceList Requests { get; }

    /// <summary>CPU request for scoring: a container without a CPU request counts 100m.</summary>
    public long NonZeroMilliCpu { get; }

    /// <summary>Memory request for scoring: a container without a memory request counts 200 MiB.</summary>
    public long NonZeroMemory { get; }

    /// <summary>Required pod affinity terms.</summary>
    public ImmutableArray<AffinityTerm> RequiredAffinityTerms { get; }

    /// <summary>Required pod anti-affinity terms.</summary>
    public ImmutableArray<AffinityTerm> RequiredAntiAffinityTerms { get; }

    /// <summary>Preferred pod affinity terms.</summary>
    public ImmutableArray<WeightedAffinityTerm> PreferredAffinityTerms { get; }

    /// <summary>Preferred pod anti-affinity terms.</summary>
    public ImmutableArray<WeightedAffinityTerm> PreferredAntiAffinityTerms { get; }

    /// <summary>True when the pod has any pod affinity or anti-affinity term.</summary>
    public bool HasAffinity =>
        RequiredAffinityTerms.Length + RequiredAntiAffinityTerms.Length + PreferredAffinityTerms.Length + PreferredAntiAffinityTerms.Length != 0;

    /// <summary>True when a container claims a host port.</summary>
    public bool HasHostPorts { get; }

    /// <summary>
    /// True for the info <see cref="AssumedOn"/> made, until the scheduler's cache swaps in the bound pod
    /// the API server confirmed (which may carry the assumed spec itself: the binding writes it).
    /// </summary>
    internal bool IsAssumed { get; set; }

    /// <summary>The pod's name.</summary>
    public string Name => Pod.Metadata.Name;

    /// <summary>
    /// The host ports the pod's containers claim, as upstream's <c>GetHostPorts</c>: the app containers and
    /// the sidecars (restartable init containers), which run for the pod's whole life; ordinary init
    /// containers have finished before the app containers start and hold no port.
    /// </summary>
    public static IEnumerable<Cluster.ContainerPort> HostPorts(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        foreach (var container in pod.Spec.InitContainers)
        {
            if (!container.RestartAlways)
            {
                continue;
            }

            foreach (var port in container.Ports)
            {
                if (port.HostPort > 0)
                {
                    yield return port;
                }
            }
        }

        foreach (var container in pod.Spec.Containers)
        {
            foreach (var port in container.Ports)
            {
                if (port.HostPort > 0)
                {
                    yield return port;
                }
            }
        }
    }

    /// <summary>Whether <see cref="HostPorts"/> yields anything, without enumerating it.</summary>
    private static bool AnyHostPort(PodSpec spec)
    {
        foreach (var container in spec.InitContainers)
        {
            if (container.RestartAlways && HasHostPort(container))
            {
                return true;
            }
        }

        foreach (var container in spec.Containers)
        {
            if (HasHostPort(container))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasHostPort(Cluster.Container container)
    {
        foreach (var port in container.Ports)
        {
            if (port.HostPort > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Pod.Metadata.Namespace}/{Pod.Metadata.Name}";

    private static ImmutableArray<AffinityTerm> Resolve(ImmutableArray<Cluster.Objects.Scheduling.PodAffinityTerm>? terms, string ns)
    {
        if (terms is not { IsDefaultOrEmpty: false } list)
        {
            return NoTerms;
        }

        var builder = ImmutableArray.CreateBuilder<AffinityTerm>(list.Length);
        foreach (var term in list)
        {
            builder.Add(new AffinityTerm(term, ns));
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<WeightedAffinityTerm> Resolve(ImmutableArray<Cluster.Objects.Scheduling.WeightedPodAffinityTerm>? terms, string ns)
    {
        if (terms is not { IsDefaultOrEmpty: false } list)
        {
            return NoWeightedTerms;
        }

        var builder = ImmutableArray.CreateBuilder<WeightedAffinityTerm>(list.Length);
        foreach (var term in list)
        {
            builder.Add(new WeightedAffinityTerm(term.Weight, new AffinityTerm(term.Term, ns)));
        }

        return builder.MoveToImmutable();
    }
}
