using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// A pod's effective request as the fit check needs it (upstream's <c>preFilterState</c>), computed once
/// per cycle: cpu, memory and ephemeral storage, and the requested scalar resources that are checked
/// (non-zero, scalar by upstream's rules, not ignored), with their rejection reasons ready.
/// </summary>
internal sealed class PodResourceRequest : IStateData
{
    private PodResourceRequest(long milliCpu, long memory, long ephemeralStorage, string[] scalarNames, long[] scalarValues, string[] scalarReasons)
    {
        MilliCpu = milliCpu;
        Memory = memory;
        EphemeralStorage = ephemeralStorage;
        ScalarNames = scalarNames;
        ScalarValues = scalarValues;
        ScalarReasons = scalarReasons;
    }

    public long MilliCpu { get; }

    public long Memory { get; }

    public long EphemeralStorage { get; }

    /// <summary>The checked scalar resources, sorted by name (ordinal).</summary>
    public string[] ScalarNames { get; }

    public long[] ScalarValues { get; }

    public string[] ScalarReasons { get; }

    private List<(ulong Which, bool Unresolvable, Status Status)>? _rejections;

    /// <summary>
    /// The request of <paramref name="requests"/> (a pod's effective request). Extended resources in
    /// <paramref name="ignoredResources"/>, or whose domain is in <paramref name="ignoredResourceGroups"/>, are left out.
    /// </summary>
    public static PodResourceRequest From(ResourceList requests, IReadOnlySet<string>? ignoredResources = null, IReadOnlySet<string>? ignoredResourceGroups = null)
    {
        var names = new List<string>();
        var values = new List<long>();
        foreach (var (name, value) in requests.Scalars)
        {
            if (value == 0 || !SchedulerResourceNames.IsScalarResourceName(name) || IsIgnored(name, ignoredResources, ignoredResourceGroups))
            {
                continue;
            }

            names.Add(name);
            values.Add(value);
        }

        var reasons = new string[names.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = "Insufficient " + names[i];
        }

        return new PodResourceRequest(requests.MilliCpu, requests.Memory, requests.EphemeralStorage, [.. names], [.. values], reasons);
    }

    /// <summary>
    /// The Filter status for a node lacking the resources in <paramref name="which"/> (as
    /// <see cref="ResourceFit.CountInsufficient"/> gives them), made once per combination and kept.
    /// </summary>
    public Status Rejection(ulong which, bool unresolvable)
    {
        var rejections = _rejections ??= [];
        foreach (var (w, u, status) in rejections)
        {
            if (w == which && u == unresolvable)
            {
                return status;
            }
        }

        var reasons = ResourceFit.Reasons(this, which);
        var made = unresolvable ? Status.UnschedulableAndUnresolvable(reasons) : Status.Unschedulable(reasons);
        rejections.Add((which, unresolvable, made));
        return made;
    }

    /// <inheritdoc />
    public IStateData Clone() => this;

    private static bool IsIgnored(string name, IReadOnlySet<string>? ignoredResources, IReadOnlySet<string>? ignoredResourceGroups)
    {
        if (!SchedulerResourceNames.IsExtendedResourceName(name))
        {
            return false;
        }

        if (ignoredResources is { Count: > 0 } && ignoredResources.Contains(name))
        {
            return true;
        }

        // An extended resource name always has a '/' (upstream: strings.Split(name, "/")[0]).
        return ignoredResourceGroups is { Count: > 0 } && ignoredResourceGroups.Contains(name[..name.IndexOf('/', StringComparison.Ordinal)]);
    }
}
