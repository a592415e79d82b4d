using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// Building profiles from configuration as upstream does: the default-plugin merge
/// (<c>pkg/scheduler/apis/config/v1/default_plugins.go</c> mergePlugins) and the framework's MultiPoint
/// expansion and score weights (<c>pkg/scheduler/framework/runtime/framework.go</c>).
/// </summary>
public class ProfileBuildTests
{
    private static SchedulerProfile Build(ProfileConfig config) =>
        SchedulerProfile.Build(config, TestPlugins.Registry(), new FrameworkHandle(new Snapshot()));

    private static string[] At(SchedulerProfile profile, string point) =>
        [.. profile.Describe().Single(p => p.Point == point).Plugins];

    [Test]
    public void A_multipoint_plugin_is_enabled_at_every_extension_point_it_implements()
    {
        var profile = Build(TestPlugins.Minimal());

        Assert.That(At(profile, "Filter"), Is.EqualTo(new[] { "NodeUnschedulable", "NodeName", TestPlugins.CpuFit.PluginName }));
        Assert.That(At(profile, "Score"), Is.EqualTo(new[] { $"{TestPlugins.FreeCpuScore.PluginName}(1)" }));
        Assert.That(At(profile, "PreEnqueue"), Is.EqualTo(new[] { "SchedulingGates" }));
        Assert.That(At(profile, "Bind"), Is.EqualTo(new[] { "DefaultBinder" }));
        Assert.That(profile.QueueSort.Name, Is.EqualTo("PrioritySort"));
    }

    [Test]
    public void Disabling_a_plugin_at_one_point_keeps_it_at_the_others()
    {
        var config = TestPlugins.Minimal() with { };
        config = config with { Plugins = config.Plugins with { Filter = new PluginSet { Disabled = ["NodeName"] } } };

        var profile = Build(config);

        Assert.That(At(profile, "Filter"), Does.Not.Contain("NodeName"));
        Assert.That(profile.Plugins.ContainsKey("NodeName"), Is.True);
    }

    [Test]
    public void A_plugin_enabled_at_a_specific_point_comes_first_there_with_its_order_kept()
    {
        var config = TestPlugins.Minimal();
        config = config with
        {
            Plugins = config.Plugins with { Filter = PluginSet.Of(new PluginRef(TestPlugins.CpuFit.PluginName), new PluginRef(TestPlugins.FilterCounter.PluginName)) },
        };

        var profile = Build(config);

        // Overridden MultiPoint plugins first, then MultiPoint's own, then the other specific ones.
        Assert.That(At(profile, "Filter"), Is.EqualTo(new[] { TestPlugins.CpuFit.PluginName, "NodeUnschedulable", "NodeName", TestPlugins.FilterCounter.PluginName }));
    }

    [Test]
    public void A_score_specific_weight_wins_over_the_multipoint_weight_and_zero_means_one()
    {
        var config = TestPlugins.Profile("p", new("PrioritySort"), new(TestPlugins.FreeCpuScore.PluginName, 4), new(TestPlugins.FlatScore.PluginName), new("DefaultBinder"));
        config = config with { Plugins = config.Plugins with { Score = PluginSet.Of(new PluginRef(TestPlugins.FreeCpuScore.PluginName, 7)) } };

        var profile = Build(config);

        Assert.That(profile.WeightOf(TestPlugins.FreeCpuScore.PluginName), Is.EqualTo(7));
        Assert.That(profile.WeightOf(TestPlugins.FlatScore.PluginName), Is.EqualTo(1));
    }

    [Test]
    public void Errors_name_the_profile_and_the_problem()
    {
        Assert.That(
            () => Build(TestPlugins.Profile("p", new("PrioritySort"), new("NoSuchPlugin"), new("DefaultBinder"))),
            Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("plugin \"NoSuchPlugin\" does not exist"));
        Assert.That(
            () => Build(TestPlugins.Profile("p", new PluginRef("DefaultBinder"))),
            Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("profile \"p\": exactly one queue sort plugin is required, found 0"));
        Assert.That(
            () => Build(TestPlugins.Profile("p", new("PrioritySort"), new("DefaultBinder")) with
            {
                Plugins = new PluginsConfig
                {
                    MultiPoint = new PluginSet { Enabled = [new("PrioritySort"), new("DefaultBinder")], Disabled = ["*"] },
                    Filter = PluginSet.Of(new PluginRef("PrioritySort")),
                },
            }),
            Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("plugin \"PrioritySort\" does not extend Filter"));
        Assert.That(
            () => Build(TestPlugins.Profile("p", new("PrioritySort"), new(TestPlugins.FlatScore.PluginName, 101), new("DefaultBinder"))),
            Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("weights must be 1..100"));
    }

    // Cases from upstream's TestMergePlugins (pkg/scheduler/apis/config/v1/default_plugins_test.go), on one point.
    [Test]
    public void Merge_disables_all_defaults_with_a_star_and_appends_custom_plugins()
    {
        var defaults = PluginSet.Of(new PluginRef("DefaultPlugin1"), new PluginRef("DefaultPlugin2"));

        var merged = DefaultPlugins.MergeSet(defaults, new PluginSet { Enabled = [new("CustomPlugin")], Disabled = ["*"] });

        Assert.That(merged.Enabled.Select(p => p.Name), Is.EqualTo(new[] { "CustomPlugin" }));
    }

    [Test]
    public void Merge_replaces_a_reconfigured_default_in_place_and_appends_the_rest()
    {
        var defaults = PluginSet.Of(new PluginRef("DefaultPlugin1", 1), new PluginRef("DefaultPlugin2", 2), new PluginRef("DefaultPlugin3", 3));

        var merged = DefaultPlugins.MergeSet(defaults, new PluginSet
        {
            Enabled = [new("CustomPlugin", 2), new("DefaultPlugin2", 5)],
            Disabled = ["DefaultPlugin3"],
        });

        Assert.That(merged.Enabled, Is.EqualTo(new PluginRef[] { new("DefaultPlugin1", 1), new("DefaultPlugin2", 5), new("CustomPlugin", 2) }.ToArray()));
    }
}
