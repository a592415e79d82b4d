using System.Collections.Immutable;

namespace Sim.Scheduling;

/// <summary>A plugin named in a profile, with its score weight (0 means the default, 1).</summary>
/// <param name="Name">The plugin's registered name.</param>
/// <param name="Weight">Its score weight (score plugins only).</param>
public sealed record PluginRef(string Name, int Weight = 0);

/// <summary>The plugins enabled and disabled at one extension point (<c>disabled: [{name: "*"}]</c> disables every default).</summary>
public sealed record PluginSet
{
    /// <summary>No change from the defaults.</summary>
    public static PluginSet Empty { get; } = new();

    /// <summary>Plugins enabled, in order.</summary>
    public ImmutableArray<PluginRef> Enabled { get; init; } = [];

    /// <summary>Plugin names disabled; <c>*</c> disables all defaults.</summary>
    public ImmutableArray<string> Disabled { get; init; } = [];

    /// <summary>A set enabling <paramref name="plugins"/>.</summary>
    public static PluginSet Of(params PluginRef[] plugins) => new() { Enabled = [.. plugins] };
}

/// <summary>The extension points a profile configures, as <c>KubeSchedulerProfile.plugins</c>.</summary>
public sealed record PluginsConfig
{
    /// <summary>PreEnqueue.</summary>
    public PluginSet PreEnqueue { get; init; } = PluginSet.Empty;

    /// <summary>QueueSort.</summary>
    public PluginSet QueueSort { get; init; } = PluginSet.Empty;

    /// <summary>PreFilter.</summary>
    public PluginSet PreFilter { get; init; } = PluginSet.Empty;

    /// <summary>Filter.</summary>
    public PluginSet Filter { get; init; } = PluginSet.Empty;

    /// <summary>PostFilter.</summary>
    public PluginSet PostFilter { get; init; } = PluginSet.Empty;

    /// <summary>PreScore.</summary>
    public PluginSet PreScore { get; init; } = PluginSet.Empty;

    /// <summary>Score.</summary>
    public PluginSet Score { get; init; } = PluginSet.Empty;

    /// <summary>Reserve.</summary>
    public PluginSet Reserve { get; init; } = PluginSet.Empty;

    /// <summary>Permit.</summary>
    public PluginSet Permit { get; init; } = PluginSet.Empty;

    /// <summary>PreBind.</summary>
    public PluginSet PreBind { get; init; } = PluginSet.Empty;

    /// <summary>Bind.</summary>
    public PluginSet Bind { get; init; } = PluginSet.Empty;

    /// <summary>PostBind.</summary>
    public PluginSet PostBind { get; init; } = PluginSet.Empty;

    /// <summary>MultiPoint: a plugin here is enabled at every extension point it implements.</summary>
    public PluginSet MultiPoint { get; init; } = PluginSet.Empty;

    /// <summary>The sets by extension point name, MultiPoint last.</summary>
    public IEnumerable<(string Point, PluginSet Set)> ByPoint()
    {
        yield return (nameof(PreEnqueue), PreEnqueue);
        yield return (nameof(QueueSort), QueueSort);
        yield return (nameof(PreFilter), PreFilter);
        yield return (nameof(Filter), Filter);
        yield return (nameof(PostFilter), PostFilter);
        yield return (nameof(PreScore), PreScore);
        yield return (nameof(Score), Score);
        yield return (nameof(Reserve), Reserve);
        yield return (nameof(Permit), Permit);
        yield return (nameof(PreBind), PreBind);
        yield return (nameof(Bind), Bind);
        yield return (nameof(PostBind), PostBind);
        yield return (nameof(MultiPoint), MultiPoint);
    }
}

/// <summary>One scheduler profile (<c>KubeSchedulerProfile</c>): a name pods select with <c>schedulerName</c>, plugins and their args.</summary>
public sealed record ProfileConfig
{
    /// <summary>The name pods select it by.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Overrides the scheduler-wide percentage of nodes to score (0 = adaptive).</summary>
    public int? PercentageOfNodesToScore { get; init; }

    /// <summary>Changes to the default plugins.</summary>
    public PluginsConfig Plugins { get; init; } = new();

    /// <summary>Plugin args by plugin name (typed args objects, e.g. <c>NodeResourcesFitArgs</c>).</summary>
    public ImmutableDictionary<string, object> PluginConfig { get; init; } = ImmutableDictionary.Create<string, object>(StringComparer.Ordinal);
}

/// <summary>A whole scheduler's configuration (<c>KubeSchedulerConfiguration</c>, <c>kubescheduler.config.k8s.io/v1</c>).</summary>
public sealed record SchedulerConfiguration
{
    /// <summary>The profiles; the default is one profile, <c>default-scheduler</c>, with the default plugins.</summary>
    public ImmutableArray<ProfileConfig> Profiles { get; init; } = [new ProfileConfig()];

    /// <summary>Percentage of nodes to score; 0 means adaptive (50 − nodes/125, at least 5).</summary>
    public int PercentageOfNodesToScore { get; init; }

    /// <summary>The first backoff after a failed attempt (default 1 s).</summary>
    public TimeSpan PodInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff (default 10 s).</summary>
    public TimeSpan PodMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod may sit among the unschedulable pods before it is retried anyway (default 5 min).</summary>
    public TimeSpan PodMaxInUnschedulablePodsDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upstream's filter/score goroutine count; recorded, but a simulated cycle runs sequentially.</summary>
    public int Parallelism { get; init; } = 16;
}
