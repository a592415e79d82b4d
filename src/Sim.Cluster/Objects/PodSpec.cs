using System.Collections.Immutable;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Objects;

/// <summary>What a pod asks for: its containers and where and how it may run.</summary>
public sealed record PodSpec
{
    /// <summary>The app containers (at least one for a valid pod).</summary>
    public ImmutableArray<Container> Containers { get; init; } = [];

    /// <summary>Init containers in order; those with <see cref="Container.RestartAlways"/> are sidecars.</summary>
    public ImmutableArray<Container> InitContainers { get; init; } = [];

    /// <summary>The pod sandbox's own cost (the pause container and runtime), added to the requests.</summary>
    public ResourceList? Overhead { get; init; }

    /// <summary>The node the pod is bound to; empty until scheduled.</summary>
    public string NodeName { get; init; } = string.Empty;

    /// <summary>Which scheduler profile places the pod.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Scheduling priority (from the priority class); higher preempts lower.</summary>
    public int Priority { get; init; }

    /// <summary>Whether the pod may preempt lower-priority pods (<c>PreemptLowerPriority</c>, the default) or not (<c>Never</c>).</summary>
    public PreemptionPolicy PreemptionPolicy { get; init; } = PreemptionPolicy.PreemptLowerPriority;

    /// <summary>Scheduling gates: while any remains, the scheduler keeps the pod out of its active queue.</summary>
    public ImmutableArray<string> SchedulingGates { get; init; } = [];

    /// <summary>The priority class the priority came from.</summary>
    public string PriorityClassName { get; init; } = string.Empty;

    /// <summary>Labels the node must have (all of them).</summary>
    public ImmutableSortedDictionary<string, string> NodeSelector { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Node affinity, pod affinity and anti-affinity.</summary>
    public Scheduling.Affinity? Affinity { get; init; }

    /// <summary>How the pod's group spreads over topology domains.</summary>
    public ImmutableArray<Scheduling.TopologySpreadConstraint> TopologySpreadConstraints { get; init; } = [];

    /// <summary>The taints the pod tolerates.</summary>
    public ImmutableArray<Toleration> Tolerations { get; init; } = [];

    /// <summary>When the kubelet restarts containers.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>How long the kubelet waits for containers to stop before killing them (default 30 s).</summary>
    public TimeSpan TerminationGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True when every field but <see cref="NodeName"/> holds the same value as in <paramref name="other"/>,
    /// arrays, maps, resource lists and affinity being the same instances: two copies made with <c>with</c>
    /// from one spec, each given a node name (a pod the scheduler assumed and the same pod as bound).
    /// Everything the scheduler derives from a spec is then the same for both. A field added to the
    /// record must be added here (PodSpecTests lists the fields compared).
    /// </summary>
    internal bool SharesAllButNodeName(PodSpec other) =>
        Containers == other.Containers
        && InitContainers == other.InitContainers
        && ReferenceEquals(Overhead, other.Overhead)
        && string.Equals(SchedulerName, other.SchedulerName, StringComparison.Ordinal)
        && Priority == other.Priority
        && PreemptionPolicy == other.PreemptionPolicy
        && SchedulingGates == other.SchedulingGates
        && string.Equals(PriorityClassName, other.PriorityClassName, StringComparison.Ordinal)
        && ReferenceEquals(NodeSelector, other.NodeSelector)
        && ReferenceEquals(Affinity, other.Affinity)
        && TopologySpreadConstraints == other.TopologySpreadConstraints
        && Tolerations == other.Tolerations
        && RestartPolicy == other.RestartPolicy
        && TerminationGracePeriod == other.TerminationGracePeriod;

    // Cache of the plain effective request and of the scoring one (PodRequestOptions.ForScoring),
    // each valid for the container arrays and overhead it was computed from: copies made with `with`
    // share it, and a copy that changes any of them misses. Entries are immutable objects, swapped
    // whole, so a spec shared between threads never reads a torn entry. It takes no part in
    // equality (see RequestsCache).
    private readonly RequestsCache _cache = new();

    /// <summary>
    /// The pod's effective request (<see cref="PodRequests.Compute"/>); the results for the default
    /// options and for <see cref="PodRequestOptions.ForScoring"/> are cached.
    /// </summary>
    public ResourceList Requests(PodRequestOptions options = default)
    {
        if (options == default)
        {
            if (_cache.Plain is { } plain && plain.IsFor(this))
            {
                return plain.Requests;
            }

            var entry = new CachedRequests(this, options);
            _cache.Plain = entry;
            return entry.Requests;
        }

        if (!options.ExcludeOverhead && ReferenceEquals(options.NonMissingContainerRequests, PodRequestOptions.ForScoring.NonMissingContainerRequests))
        {
            if (_cache.Scoring is { } scoring && scoring.IsFor(this))
            {
                return scoring.Requests;
            }

            var entry = new CachedRequests(this, options);
            _cache.Scoring = entry;
            return entry.Requests;
        }

        return PodRequests.Compute(Containers, InitContainers, Overhead, options);
    }

    /// <summary>A request computed for one set of container arrays and overhead.</summary>
    private sealed class CachedRequests(PodSpec spec, PodRequestOptions options)
    {
        private readonly ImmutableArray<Container> _containers = spec.Containers;
        private readonly ImmutableArray<Container> _initContainers = spec.InitContainers;
        private readonly ResourceList? _overhead = spec.Overhead;

        public ResourceList Requests { get; } = PodRequests.Compute(spec.Containers, spec.InitContainers, spec.Overhead, options);

        public bool IsFor(PodSpec spec) =>
            _containers == spec.Containers && _initContainers == spec.InitContainers && ReferenceEquals(_overhead, spec.Overhead);
    }

    /// <summary>A memo that never makes two specs unequal: every cache equals every other.</summary>
    private sealed class RequestsCache
    {
        public CachedRequests? Plain { get; set; }

        public CachedRequests? Scoring { get; set; }

        public override bool Equals(object? obj) => obj is RequestsCache;

        public override int GetHashCode() => 0;
    }
}
