using Sim.Scheduling;
using Sim.Scheduling.Plugins.DefaultPreemption;
using Preemption = Sim.Scheduling.Plugins.DefaultPreemption.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>TestValidateDefaultPreemptionArgs</c>
/// (<c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c>). Upstream compares field
/// paths and error types; these compare the whole messages, whose details come from upstream's validation.
/// No case skipped.
/// </summary>
public class DefaultPreemptionArgsTests
{
    private static IEnumerable<TestCaseData> ValidateCases()
    {
        yield return Case("valid args (default)", 10, 100);
        yield return Case("negative minCandidateNodesPercentage", -1, 100,
            "minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]");
        yield return Case("minCandidateNodesPercentage over 100", 900, 100,
            "minCandidateNodesPercentage: Invalid value: 900: not in valid range [0, 100]");
        yield return Case("negative minCandidateNodesAbsolute", 20, -1,
            "minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)");
        yield return Case("all zero", 0, 0,
            "minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute",
            "minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage");
        yield return Case("both negative", -1, -1,
            "minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]",
            "minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)");

        static TestCaseData Case(string name, int percentage, int absolute, params string[] errors) =>
            new TestCaseData(new DefaultPreemptionArgs { MinCandidateNodesPercentage = percentage, MinCandidateNodesAbsolute = absolute }, errors).SetName(name);
    }

    [TestCaseSource(nameof(ValidateCases))]
    public void TestValidateDefaultPreemptionArgs(DefaultPreemptionArgs args, string[] errors) =>
        Assert.That(args.Validate(string.Empty), Is.EqualTo(errors));

    [Test]
    public void Defaults_are_ten_percent_and_one_hundred_nodes()
    {
        var args = new DefaultPreemptionArgs();
        Assert.That((args.MinCandidateNodesPercentage, args.MinCandidateNodesAbsolute), Is.EqualTo((10, 100)));
    }

    [Test]
    public void Errors_carry_the_path_they_are_validated_under()
    {
        var errors = new DefaultPreemptionArgs { MinCandidateNodesAbsolute = -1 }.Validate("profiles[0].pluginConfig[0].args");
        Assert.That(errors, Is.EqualTo(new[] { "profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)" }));
    }

    [Test]
    public void A_profile_with_invalid_args_is_refused()
    {
        var config = TestPlugins.Profile("default-scheduler", new("PrioritySort"), new(Preemption.PluginName), new("DefaultBinder")) with
        {
            PluginConfig = System.Collections.Immutable.ImmutableDictionary.Create<string, object>()
                .Add(Preemption.PluginName, new DefaultPreemptionArgs { MinCandidateNodesPercentage = 0, MinCandidateNodesAbsolute = 0 }),
        };
        Assert.That(
            () => SchedulerProfile.Build(config, PluginRegistry.CreateDefault(), new FrameworkHandle(new Snapshot())),
            Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("cannot be zero at the same time"));
    }
}
