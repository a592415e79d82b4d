using Sim.Scheduling;

namespace Sim.Kubernetes.Tests;

public class SchedulerConfigReaderTests
{
    private const string Header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

    [Test]
    public void A_bare_configuration_has_upstreams_defaults()
    {
        var config = Read(Header);

        Assert.Multiple(() =>
        {
            Assert.That(config.Profiles.Select(p => p.SchedulerName), Is.EqualTo(new[] { "default-scheduler" }));
            Assert.That(config.Profiles[0].PercentageOfNodesToScore, Is.Null);
            Assert.That(config.Profiles[0].Plugins, Is.EqualTo(new PluginsConfig()));
            Assert.That(config.Profiles[0].PluginConfig, Is.Empty);
            Assert.That(config.PercentageOfNodesToScore, Is.Zero);
            Assert.That(config.Parallelism, Is.EqualTo(16));
            Assert.That(config.PodInitialBackoff, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(config.PodMaxBackoff, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void Scheduler_wide_and_profile_settings_are_read()
    {
        var config = Read(Header + """
            parallelism: 8
            percentageOfNodesToScore: 30
            podInitialBackoffSeconds: 2
            podMaxBackoffSeconds: 20
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: batch
              percentageOfNodesToScore: 70
            """);

        Assert.Multiple(() =>
        {
            Assert.That((config.Parallelism, config.PercentageOfNodesToScore), Is.EqualTo((8, 30)));
            Assert.That((config.PodInitialBackoff, config.PodMaxBackoff), Is.EqualTo((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20))));
            Assert.That(config.Profiles.Select(p => (p.SchedulerName, p.PercentageOfNodesToScore)), Is.EqualTo(new[] { ("default-scheduler", (int?)null), ("batch", (int?)70) }));
        });
    }

    [Test]
    public void MultiPoint_enables_with_weights_and_disabled_star_drops_every_default()
    {
        var config = Read(Header + """
            profiles:
            - plugins:
                multiPoint:
                  enabled:
                  - name: PrioritySort
                  - name: NodeName
                  - name: DefaultBinder
                  - name: TestScore
                    weight: 5
                  disabled:
                  - name: "*"
            """);

        var multiPoint = config.Profiles[0].Plugins.MultiPoint;
        Assert.Multiple(() =>
        {
            Assert.That(multiPoint.Enabled, Is.EqualTo(new[] { new PluginRef("PrioritySort"), new PluginRef("NodeName"), new PluginRef("DefaultBinder"), new PluginRef("TestScore", 5) }));
            Assert.That(multiPoint.Disabled, Is.EqualTo(new[] { "*" }));
            Assert.That(DefaultPlugins.Merge(config.Profiles[0].Plugins).MultiPoint.Enabled.Select(p => p.Name), Is.EqualTo(new[] { "PrioritySort", "NodeName", "DefaultBinder", "TestScore" }));
        });
    }

    [Test]
    public void Each_extension_point_has_its_own_enabled_and_disabled_lists()
    {
        var config = Read(Header + """
            profiles:
            - schedulerName: custom
              plugins:
                filter:
                  disabled: [{name: NodeUnschedulable}]
                score:
                  enabled: [{name: TestScore, weight: 3}]
                preEnqueue:
                  disabled: [{name: SchedulingGates}]
            """);

        var plugins = config.Profiles[0].Plugins;
        Assert.Multiple(() =>
        {
            Assert.That(plugins.Filter.Disabled, Is.EqualTo(new[] { "NodeUnschedulable" }));
            Assert.That(plugins.Score.Enabled, Is.EqualTo(new[] { new PluginRef("TestScore", 3) }));
            Assert.That(plugins.PreEnqueue.Disabled, Is.EqualTo(new[] { "SchedulingGates" }));
            Assert.That(plugins.MultiPoint, Is.EqualTo(PluginSet.Empty));
        });
    }

    [Test]
    public void Plugin_args_are_decoded_into_the_registered_type_with_defaults_for_what_is_absent()
    {
        var config = Read(Header + """
            profiles:
            - pluginConfig:
              - name: TestScore
                args:
                  apiVersion: kubescheduler.config.k8s.io/v1
                  kind: TestScoreArgs
                  mode: Careful
                  resources:
                  - name: memory
                    weight: 3
            """);

        var args = (TestScoreArgs)config.Profiles[0].PluginConfig["TestScore"];
        Assert.Multiple(() =>
        {
            Assert.That(args.Mode, Is.EqualTo(TestMode.Careful));
            Assert.That(args.Bonus, Is.EqualTo(10), "absent: the default");
            Assert.That(args.Resources, Is.EqualTo(new[] { new TestResource { Name = "memory", Weight = 3 } }));
        });
    }

    [Test]
    public void A_read_configuration_builds_a_profile()
    {
        var config = Read(Header + """
            profiles:
            - schedulerName: tests
              plugins:
                multiPoint:
                  enabled: [{name: PrioritySort}, {name: NodeUnschedulable}, {name: DefaultBinder}, {name: TestScore, weight: 4}]
                  disabled: [{name: "*"}]
              pluginConfig:
              - name: TestScore
                args: {bonus: 42}
            """);

        var handle = new FrameworkHandle(Snapshot.Create([]));
        var profile = SchedulerProfile.Build(config.Profiles[0], TestScore.Registry(), handle);

        Assert.Multiple(() =>
        {
            Assert.That(profile.SchedulerName, Is.EqualTo("tests"));
            Assert.That(profile.FilterPlugins.Select(p => p.Name), Is.EqualTo(new[] { "NodeUnschedulable" }));
            Assert.That(profile.WeightOf("TestScore"), Is.EqualTo(4));
            Assert.That(((TestScore)profile.Plugins["TestScore"]).Args.Bonus, Is.EqualTo(42));
        });
    }

    [Test]
    public void Settings_of_the_scheduler_process_are_ignored_with_a_warning()
    {
        var result = SchedulerConfigReader.Read(Header + "leaderElection: {leaderElect: true}\nclientConnection: {qps: 50}\n", "sched.yaml", TestScore.Registry());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
            {
                "sched.yaml:3:1: warning: leaderElection: not simulated; ignored",
                "sched.yaml:4:1: warning: clientConnection: not simulated; ignored",
            }));
        });
    }

    [Test]
    public void Disabling_an_upstream_volume_plugin_is_a_warning()
    {
        var result = SchedulerConfigReader.Read(Header + "profiles:\n- plugins:\n    filter:\n      disabled: [{name: VolumeBinding}]\n", "sched.yaml", TestScore.Registry());

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Diagnostics.Single().ToString(), Is.EqualTo(
            "sched.yaml:6:25: warning: profiles[0].plugins.filter.disabled[0].name: \"VolumeBinding\" is an upstream plugin Sim does not simulate (no volumes or resource claims); disabling it changes nothing"));
    }

    private static IEnumerable<TestCaseData> BadConfigs()
    {
        TestCaseData Case(string name, string text, params string[] expected) => new TestCaseData(text, expected).SetName(name);
        var registered = string.Join(", ", TestScore.Registry().Names);

        yield return Case("YAML syntax error", Header + "profiles: [\n", "sched.yaml:4:1: YAML syntax error: while parsing a node, did not find expected node content.");
        yield return Case("null list item in plugin args", Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      ignoredResourceGroups: [a, ~]\n",
            "sched.yaml:7:34: profiles[0].pluginConfig[0].args.ignoredResourceGroups[1]: Required value: a list item, not null");
        yield return Case("null string in plugin args", Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type:\n",
            "sched.yaml:8:14: profiles[0].pluginConfig[0].args.scoringStrategy.type: expected a string, got \"\"");
        yield return Case("resource without a name in plugin args", Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesBalancedAllocation\n    args:\n      resources: [{weight: 1}]\n",
            "sched.yaml:7:19: profiles[0].pluginConfig[0].args.resources[0].name: Required value: a resource name");
        yield return Case("wrong apiVersion", "apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n",
            "sched.yaml:1:13: apiVersion: Unsupported value: \"kubescheduler.config.k8s.io/v1beta3\": supported values: \"kubescheduler.config.k8s.io/v1\"");
        yield return Case("missing kind", "apiVersion: kubescheduler.config.k8s.io/v1\n", "sched.yaml:1:1: kind: Required value: KubeSchedulerConfiguration");
        yield return Case("unknown top-level field", Header + "percentageOfNodeToScore: 50\n",
            "sched.yaml:3:1: percentageOfNodeToScore: unknown field \"percentageOfNodeToScore\" (did you mean \"percentageOfNodesToScore\"?)");
        yield return Case("percentage out of range", Header + "percentageOfNodesToScore: 101\n", "sched.yaml:3:27: percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]");
        yield return Case("not an integer", Header + "parallelism: many\n", "sched.yaml:3:14: parallelism: expected an integer, got \"many\"");
        yield return Case("max backoff below initial", Header + "podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n",
            "sched.yaml:4:23: podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds");
        yield return Case("duplicate profile", Header + "profiles:\n- schedulerName: a\n- schedulerName: a\n", "sched.yaml:5:18: profiles[1].schedulerName: Duplicate value: \"a\"");
        yield return Case("unknown profile field", Header + "profiles:\n- schedulerName: a\n  plugin: {}\n",
            "sched.yaml:5:3: profiles[0].plugin: unknown field \"plugin\" (did you mean \"plugins\"?)");
        yield return Case("unknown extension point", Header + "profiles:\n- plugins:\n    scoring: {}\n",
            "sched.yaml:5:5: profiles[0].plugins.scoring: unknown field \"scoring\"");
        yield return Case("unknown plugin name", Header + "profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeResourceFit}]\n",
            $"sched.yaml:6:24: profiles[0].plugins.score.enabled[0].name: Invalid value: \"NodeResourceFit\": no plugin of that name (did you mean \"NodeResourcesFit\"?); registered plugins: {registered}");
        yield return Case("misspelt plugin name", Header + "profiles:\n- plugins:\n    score:\n      enabled: [{name: TestScores}]\n",
            $"sched.yaml:6:24: profiles[0].plugins.score.enabled[0].name: Invalid value: \"TestScores\": no plugin of that name (did you mean \"TestScore\"?); registered plugins: {registered}");
        yield return Case("negative weight", Header + "profiles:\n- plugins:\n    score:\n      enabled: [{name: TestScore, weight: -1}]\n",
            "sched.yaml:6:43: profiles[0].plugins.score.enabled[0].weight: Invalid value: -1: must not be negative (0 means the default weight)");
        yield return Case("plugin enabled twice", Header + "profiles:\n- plugins:\n    score:\n      enabled: [{name: TestScore}, {name: TestScore}]\n",
            "sched.yaml:6:43: profiles[0].plugins.score.enabled[1].name: Duplicate value: \"TestScore\"");
        yield return Case("pluginConfig for an unknown plugin", Header + "profiles:\n- pluginConfig:\n  - name: Nope\n    args: {}\n",
            $"sched.yaml:5:11: profiles[0].pluginConfig[0].name: Invalid value: \"Nope\": no plugin of that name; registered plugins: {registered}");
        yield return Case("pluginConfig twice", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n  - name: TestScore\n",
            "sched.yaml:6:11: profiles[0].pluginConfig[1].name: Duplicate value: \"TestScore\"");
        yield return Case("args for a plugin without args", Header + "profiles:\n- pluginConfig:\n  - name: NodeName\n    args: {x: 1}\n",
            "sched.yaml:6:11: profiles[0].pluginConfig[0].args: plugin \"NodeName\" takes no args");
        yield return Case("args of the wrong kind", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      kind: NodeResourcesFitArgs\n",
            "sched.yaml:7:13: profiles[0].pluginConfig[0].args.kind: Unsupported value: \"NodeResourcesFitArgs\": supported values: \"TestScoreArgs\"");
        yield return Case("unknown field in args", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      bonus: 1\n      modes: Careful\n",
            "sched.yaml:8:7: profiles[0].pluginConfig[0].args.modes: unknown field \"modes\" (did you mean \"mode\"?)");
        yield return Case("unknown field in nested args", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      resources: [{name: cpu, wieght: 2}]\n",
            "sched.yaml:7:31: profiles[0].pluginConfig[0].args.resources[0].wieght: unknown field \"wieght\" (did you mean \"weight\"?)");
        yield return Case("bad enum in args", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      mode: Sloppy\n",
            "sched.yaml:7:13: profiles[0].pluginConfig[0].args.mode: expected one of Fast, Careful, got \"Sloppy\"");
        yield return Case("wrong type in nested args", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      resources: [{name: cpu, weight: heavy}]\n",
            "sched.yaml:7:39: profiles[0].pluginConfig[0].args.resources[0].weight: expected an integer, got \"heavy\"");
        yield return Case("args rejected by their Validate", Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      resources:\n      - name: cpu\n        weight: 0\n",
            "sched.yaml:9:17: profiles[0].pluginConfig[0].args.resources[0].weight: Invalid value: 0: must be in the range [1, 100]");
    }

    [Test]
    public void A_recursive_alias_in_args_is_an_error_not_a_crash()
    {
        var result = SchedulerConfigReader.Read(Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args: &a\n      resources: [*a]\n", "sched.yaml", TestScore.Registry());

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "sched.yaml:7:18: nesting deeper than 64 levels (a recursive alias?)" }));
    }

    [Test]
    public void An_alias_bomb_in_args_is_an_error_not_a_hang()
    {
        var anchors = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"      a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]"));
        var text = Header + "profiles:\n- pluginConfig:\n  - name: TestScore\n    args:\n      a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + anchors + "\n";

        var result = SchedulerConfigReader.Read(text, "sched.yaml", TestScore.Registry());

        Assert.That(result.Errors.Single().Message, Is.EqualTo("more than 1,000,000 values once aliases are expanded"));
    }

    [TestCaseSource(nameof(BadConfigs))]
    public void Bad_configurations_are_reported_with_file_line_column_and_field(string text, string[] expected)
    {
        var result = SchedulerConfigReader.Read(text, "sched.yaml", TestScore.Registry());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_missing_file_is_an_error()
    {
        var result = SchedulerConfigReader.ReadFile(Path.Combine(Path.GetTempPath(), "sim-no-such-dir", "sched.yaml"), TestScore.Registry());

        Assert.That(result.Errors.Single().Message, Is.EqualTo("file not found"));
    }

    private static SchedulerConfiguration Read(string text)
    {
        var result = SchedulerConfigReader.Read(text, "sched.yaml", TestScore.Registry());
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }
}
