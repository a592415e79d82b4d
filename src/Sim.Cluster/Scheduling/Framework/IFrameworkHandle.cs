using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Scheduling;

/// <summary>What a plugin can reach besides the pod and node it is given (upstream's <c>framework.Handle</c>).</summary>
public interface IFrameworkHandle
{
    /// <summary>The scheduler's view of nodes and pods.</summary>
    Snapshot Snapshot { get; }

    /// <summary>Services, controllers and disruption budgets.</summary>
    ClusterLister Lister { get; }

    /// <summary>Pods nominated to nodes by preemption.</summary>
    Nominator Nominator { get; }

    /// <summary>Pods held at Permit; a Permit plugin allows or rejects them here.</summary>
    WaitingPods WaitingPods { get; }

    /// <summary>The API client the scheduler writes with; null when evaluating offline (<c>sim explain</c>, unit tests).</summary>
    ApiClient? Client { get; }

    /// <summary>The current simulated time.</summary>
    SimTime Now { get; }

    /// <summary>The profile the plugin belongs to (set once the profile is built), for plugins that run other plugins (preemption).</summary>
    SchedulerProfile Profile { get; }

    /// <summary>A random stream of the plugin's own, derived from the run's seed and <paramref name="name"/>.</summary>
    SimRandom RandomFor(string name);
}

/// <summary>A handle for plugins evaluated outside a running cluster: unit tests and <c>sim explain</c>.</summary>
public sealed class FrameworkHandle : IFrameworkHandle
{
    private readonly RandomStreams _streams;
    private SchedulerProfile? _profile;

    /// <summary>A handle over <paramref name="snapshot"/>.</summary>
    public FrameworkHandle(Snapshot snapshot, ClusterLister? lister = null, ulong seed = 1, ApiClient? client = null, Func<SimTime>? clock = null, Nominator? nominator = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        Lister = lister ?? new ClusterLister();
        Nominator = nominator ?? new Nominator();
        Client = client;
        _streams = new RandomStreams(seed);
        Clock = clock ?? (() => SimTime.Zero);
    }

    /// <inheritdoc />
    public Snapshot Snapshot { get; set; }

    /// <inheritdoc />
    public ClusterLister Lister { get; }

    /// <inheritdoc />
    public Nominator Nominator { get; }

    /// <inheritdoc />
    public WaitingPods WaitingPods { get; init; } = new();

    /// <inheritdoc />
    public ApiClient? Client { get; }

    /// <summary>Where <see cref="Now"/> comes from.</summary>
    public Func<SimTime> Clock { get; set; }

    /// <inheritdoc />
    public SimTime Now => Clock();

    /// <inheritdoc />
    public SchedulerProfile Profile
    {
        get => _profile ?? throw new InvalidOperationException("The profile is not built yet.");
        set => _profile = value;
    }

    /// <inheritdoc />
    public SimRandom RandomFor(string name) => _streams.Child("scheduler").For(name);
}
