using System.Collections.Immutable;

namespace Sim.Scheduling;

/// <summary>
/// The default profile's plugins (upstream's <c>getDefaultPlugins</c>, MultiPoint) and the merging of a
/// user's changes into them (<c>mergePlugins</c>).
/// </summary>
public static class DefaultPlugins
{
    /// <summary>
    /// The MultiPoint list of the default profile, in upstream's order with its weights. The volume
    /// plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) and DynamicResources
    /// are left out: Sim models no volumes or resource claims.
    /// </summary>
    public static ImmutableArray<PluginRef> MultiPoint { get; } =
    [
        new("SchedulingGates"),
        new("PrioritySort"),
        new("NodeUnschedulable"),
        new("NodeName"),
        new("TaintToleration", 3),
        new("NodeAffinity", 2),
        new("NodePorts"),
        new("NodeResourcesFit", 1),
        new("PodTopologySpread", 2),
        new("InterPodAffinity", 2),
        new("DefaultPreemption"),
        new("NodeResourcesBalancedAllocation", 1),
        new("ImageLocality", 1),
        new("DefaultBinder"),
    ];

    /// <summary>The defaults with <paramref name="custom"/> merged in, point by point, as upstream's v1 defaulting.</summary>
    public static PluginsConfig Merge(PluginsConfig? custom)
    {
        custom ??= new PluginsConfig();
        return custom with
        {
            PreEnqueue = MergeSet(PluginSet.Empty, custom.PreEnqueue),
            QueueSort = MergeSet(PluginSet.Empty, custom.QueueSort),
            PreFilter = MergeSet(PluginSet.Empty, custom.PreFilter),
            Filter = MergeSet(PluginSet.Empty, custom.Filter),
            PostFilter = MergeSet(PluginSet.Empty, custom.PostFilter),
            PreScore = MergeSet(PluginSet.Empty, custom.PreScore),
            Score = MergeSet(PluginSet.Empty, custom.Score),
            Reserve = MergeSet(PluginSet.Empty, custom.Reserve),
            Permit = MergeSet(PluginSet.Empty, custom.Permit),
            PreBind = MergeSet(PluginSet.Empty, custom.PreBind),
            Bind = MergeSet(PluginSet.Empty, custom.Bind),
            PostBind = MergeSet(PluginSet.Empty, custom.PostBind),
            MultiPoint = MergeSet(new PluginSet { Enabled = MultiPoint }, custom.MultiPoint),
        };
    }

    /// <summary>Upstream's <c>mergePluginSet</c>: defaults minus disabled (all with <c>*</c>), re-configured defaults replaced in place, other custom plugins appended.</summary>
    public static PluginSet MergeSet(PluginSet defaults, PluginSet custom)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(custom);
        var disabled = custom.Disabled.ToHashSet(StringComparer.Ordinal);
        var customIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < custom.Enabled.Length; i++)
        {
            customIndex[custom.Enabled[i].Name] = i;
        }

        var replaced = new HashSet<int>();
        var enabled = ImmutableArray.CreateBuilder<PluginRef>();
        if (!disabled.Contains("*"))
        {
            foreach (var plugin in defaults.Enabled)
            {
                if (disabled.Contains(plugin.Name))
                {
                    continue;
                }

                if (customIndex.TryGetValue(plugin.Name, out var index))
                {
                    enabled.Add(custom.Enabled[index]);
                    replaced.Add(index);
                }
                else
                {
                    enabled.Add(plugin);
                }
            }
        }

        for (var i = 0; i < custom.Enabled.Length; i++)
        {
            if (!replaced.Contains(i))
            {
                enabled.Add(custom.Enabled[i]);
            }
        }

        return new PluginSet { Enabled = enabled.ToImmutable(), Disabled = custom.Disabled };
    }
}
