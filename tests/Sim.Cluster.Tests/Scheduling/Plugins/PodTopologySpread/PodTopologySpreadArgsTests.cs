using Sim.Cluster.Labels;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.PodTopologySpread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// The PodTopologySpreadArgs cases of upstream's
/// <c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c> (TestValidatePodTopologySpreadArgs).
/// Upstream compares the error type and field only; the whole messages are checked here.
/// </summary>
/// <remarks>
/// Skipped: "whenUnsatisfiable is empty": <see cref="WhenUnsatisfiable"/> is an enum here, so an empty
/// value cannot be written. "whenUnsatisfiable contains unsupported action" and "wrong constraints"
/// use a value outside the enum, the nearest equivalent of upstream's unknown string.
/// </remarks>
public class PodTopologySpreadArgsTests
{
    private const PodTopologySpreadConstraintsDefaulting List = PodTopologySpreadConstraintsDefaulting.List;
    private const PodTopologySpreadConstraintsDefaulting System = PodTopologySpreadConstraintsDefaulting.System;

    [TestCaseSource(nameof(Cases))]
    public void TestValidatePodTopologySpreadArgs(PodTopologySpreadArgs args, string[] wantErrs) =>
        Assert.That(args.Validate(string.Empty), Is.EqualTo(wantErrs));

    [Test]
    public void Defaults_to_system_defaulting_and_validates()
    {
        var args = new PodTopologySpreadArgs();
        Assert.Multiple(() =>
        {
            Assert.That(args.DefaultingType, Is.EqualTo(System));
            Assert.That(args.DefaultConstraints, Is.Empty);
            Assert.That(args.Validate(string.Empty), Is.Empty);
        });
    }

    [Test]
    public void Prefixes_errors_with_the_path()
    {
        var args = new PodTopologySpreadArgs { DefaultingType = List, DefaultConstraints = [C(0, "node", WhenUnsatisfiable.DoNotSchedule)] };
        Assert.That(args.Validate("profiles[0].pluginConfig[3].args"), Is.EqualTo(new[] { "profiles[0].pluginConfig[3].args.defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)" }));
    }

    [Test]
    public void The_plugin_rejects_invalid_args_like_the_registry_would()
    {
        var args = new PodTopologySpreadArgs { DefaultConstraints = [C(1, "node", WhenUnsatisfiable.DoNotSchedule)] };
        var registry = PluginRegistry.CreateDefault();
        var handle = new FrameworkHandle(Snapshot.Create([]));
        Assert.Multiple(() =>
        {
            Assert.That(registry.ArgsType(TopologySpreadPlugin.PluginName), Is.EqualTo(typeof(PodTopologySpreadArgs)));
            Assert.That(() => registry.Create(TopologySpreadPlugin.PluginName, args, handle), Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("defaultingType: Invalid value"));
            Assert.That(registry.Create(TopologySpreadPlugin.PluginName, null, handle), Is.TypeOf<TopologySpreadPlugin>());
        });
    }

    private static TopologySpreadConstraint C(int maxSkew, string key, WhenUnsatisfiable mode, LabelSelector? selector = null) =>
        new(maxSkew, key, mode, selector ?? LabelSelector.Nothing);

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, PodTopologySpreadArgs args, params string[] wantErrs) => new TestCaseData(args, wantErrs).SetName(name);
        yield return Case("valid config", new() { DefaultingType = List, DefaultConstraints = [C(1, "node", WhenUnsatisfiable.DoNotSchedule), C(2, "zone", WhenUnsatisfiable.ScheduleAnyway)] });
        yield return Case(
            "maxSkew less than zero",
            new() { DefaultingType = List, DefaultConstraints = [C(-1, "node", WhenUnsatisfiable.DoNotSchedule)] },
            "defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range (0, inf)");
        yield return Case(
            "empty topology key",
            new() { DefaultingType = List, DefaultConstraints = [C(1, string.Empty, WhenUnsatisfiable.DoNotSchedule)] },
            "defaultConstraints[0].topologyKey: Required value: can not be empty");
        yield return Case(
            "whenUnsatisfiable contains unsupported action",
            new() { DefaultingType = List, DefaultConstraints = [C(1, "node", (WhenUnsatisfiable)7)] },
            "defaultConstraints[0].whenUnsatisfiable: Unsupported value: \"7\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
        yield return Case(
            "duplicated constraints",
            new() { DefaultingType = List, DefaultConstraints = [C(1, "node", WhenUnsatisfiable.DoNotSchedule), C(2, "node", WhenUnsatisfiable.DoNotSchedule)] },
            "defaultConstraints[1]: Duplicate value: \"{node, DoNotSchedule}\"");
        yield return Case(
            "label selector present",
            new() { DefaultingType = List, DefaultConstraints = [C(1, "key", WhenUnsatisfiable.DoNotSchedule, LabelSelector.Parse("a=b"))] },
            "defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod");
        yield return Case("list default constraints, no constraints", new() { DefaultingType = List });
        yield return Case("system default constraints", new() { DefaultingType = System });
        yield return Case(
            "wrong constraints",
            new() { DefaultingType = (PodTopologySpreadConstraintsDefaulting)7 },
            "defaultingType: Unsupported value: \"7\": supported values: \"System\", \"List\"");
        yield return Case(
            "system default constraints, but has constraints",
            new() { DefaultingType = System, DefaultConstraints = [C(1, "key", WhenUnsatisfiable.DoNotSchedule)] },
            "defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty");
    }
}
