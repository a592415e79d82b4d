using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.DefaultPreemption;
using Preemption = Sim.Scheduling.Plugins.DefaultPreemption.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// A profile with DefaultPreemption and the given plugins over a snapshot of nodes and pods, as upstream's
/// <c>tf.NewFramework</c> with <c>WithSnapshotSharedLister</c>: the test's equivalent of a scheduler's handle.
/// Plugins are instances (registered under their names) or names of in-tree plugins, in profile order.
/// </summary>
internal sealed class PreemptionFixture
{
    public PreemptionFixture(IEnumerable<Node> nodes, IEnumerable<Pod> pods, IEnumerable<object> plugins, DefaultPreemptionArgs? args = null, IEnumerable<PodDisruptionBudget>? pdbs = null, ApiClient? client = null)
    {
        Snapshot = Snapshot.Create(nodes, pods);
        Handle = new FrameworkHandle(Snapshot, new ClusterLister(pdbs ?? []), seed: 1, client: client, clock: () => Now);
        var registry = PluginRegistry.CreateDefault();
        var refs = new List<PluginRef> { new("PrioritySort") };
        foreach (var plugin in plugins)
        {
            if (plugin is IPlugin instance)
            {
                registry.Register(instance.Name, (_, _) => instance);
                refs.Add(new(instance.Name));
            }
            else
            {
                refs.Add(new((string)plugin));
            }
        }

        refs.Add(new(Preemption.PluginName));
        refs.Add(new("DefaultBinder"));
        var config = TestPlugins.Profile("default-scheduler", [.. refs]);
        if (args is not null)
        {
            config = config with { PluginConfig = config.PluginConfig.Add(Preemption.PluginName, args) };
        }

        Profile = SchedulerProfile.Build(config, registry, Handle);
        Plugin = (Preemption)Profile.Plugins[Preemption.PluginName];
    }

    public Snapshot Snapshot { get; }

    public FrameworkHandle Handle { get; }

    public SchedulerProfile Profile { get; }

    public Preemption Plugin { get; }

    /// <summary>The simulated time (start times of pods that have not started read as this).</summary>
    public SimTime Now { get; set; } = SimTime.FromSeconds(1000);

    /// <summary>The nodes sorted by name, as upstream's tests list them.</summary>
    public IReadOnlyList<NodeInfo> NodesByName => [.. Snapshot.NodeInfos.OrderBy(n => n.Name, StringComparer.Ordinal)];

    /// <summary>A cycle state with PreFilter run for <paramref name="pod"/>; fails the test when PreFilter does not succeed.</summary>
    public CycleState PreFilter(PodInfo pod)
    {
        var state = new CycleState();
        var status = Profile.RunPreFilterPlugins(state, pod, Snapshot.NodeInfos, out _);
        Assert.That(status.IsSuccess, Is.True, $"Unexpected PreFilter Status: {status}");
        return state;
    }
}
