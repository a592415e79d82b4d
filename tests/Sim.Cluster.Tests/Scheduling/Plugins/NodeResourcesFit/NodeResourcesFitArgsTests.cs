using System.Text.Json;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The NodeResourcesFitArgs validation cases of upstream's
/// <c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c>: TestValidateFitArgs,
/// TestValidateLeastAllocatedScoringStrategy, TestValidateMostAllocatedScoringStrategy and
/// TestValidateRequestedToCapacityRatioScoringStrategy. No case is skipped. Like upstream, errors are
/// compared by field path and type only; TestValidateFitArgs checks that the message contains the expected text.
/// </summary>
/// <remarks>
/// Upstream's TestValidateFitArgs only checks "no error, or an error containing the text". Here each case also
/// says whether upstream's validation returns an error, so a validator that accepts everything fails. Case
/// "ScoringStrategy: field is required" expects none: v1.34's ValidateNodeResourcesFitArgs skips a missing
/// strategy (NewFit rejects it instead, see <see cref="Rejects_args_without_a_scoring_strategy"/>).
/// The last tests are Sim's own: config field names and defaulting.
/// </remarks>
public class NodeResourcesFitArgsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly ScoringStrategy DefaultScoringStrategy = new() { Type = ScoringStrategyType.LeastAllocated, Resources = [.. DefaultResources] };

    private static readonly object[] FitArgsCases =
    [
        FitArgs("IgnoredResources: too long value", new() { IgnoredResources = [$"longvalue{new string('a', 64)}"], ScoringStrategy = DefaultScoringStrategy },
            "name part must be no more than 63 characters"),
        FitArgs("IgnoredResources: name is empty", new() { IgnoredResources = ["example.com/"], ScoringStrategy = DefaultScoringStrategy },
            "name part must be non-empty"),
        FitArgs("IgnoredResources: name has too many slash", new() { IgnoredResources = ["example.com/aaa/bbb"], ScoringStrategy = DefaultScoringStrategy },
            "a qualified name must consist of alphanumeric characters"),
        FitArgs("IgnoredResources: valid args", new() { IgnoredResources = ["example.com"], ScoringStrategy = DefaultScoringStrategy }, null),
        FitArgs("IgnoredResourceGroups: valid args ", new() { IgnoredResourceGroups = ["example.com"], ScoringStrategy = DefaultScoringStrategy }, null),
        FitArgs("IgnoredResourceGroups: illegal args", new() { IgnoredResourceGroups = ["example.com/"], ScoringStrategy = DefaultScoringStrategy },
            "name part must be non-empty"),
        FitArgs("IgnoredResourceGroups: name is too long", new() { IgnoredResourceGroups = [new string('a', 64)], ScoringStrategy = DefaultScoringStrategy },
            "name part must be no more than 63 characters"),
        FitArgs("IgnoredResourceGroups: name cannot be contain slash", new() { IgnoredResourceGroups = ["example.com/aa"], ScoringStrategy = DefaultScoringStrategy },
            "resource group name can't contain '/'"),
        FitArgs("ScoringStrategy: field is required", new() { ScoringStrategy = null }, null),
        FitArgs("ScoringStrategy: type is unsupported", new() { ScoringStrategy = new() { Type = "Invalid", Resources = [] } }, "Unsupported value: \"Invalid\""),
    ];

    private static readonly object[] WeightCases =
    [
        Weights("default config", []),
        Weights("multi valid resources", [new("cpu", 1), new("memory", 10)]),
        Weights("weight less than min", [new("cpu", 0)], "scoringStrategy.resources[0].weight: Invalid value"),
        Weights("weight greater than max", [new("cpu", 101)], "scoringStrategy.resources[0].weight: Invalid value"),
        Weights("multi invalid resources", [new("cpu", 0), new("memory", 101)],
            "scoringStrategy.resources[0].weight: Invalid value", "scoringStrategy.resources[1].weight: Invalid value"),
    ];

    private static readonly object[] RequestedToCapacityRatioCases =
    [
        Shape("no shapes", [], [], "scoringStrategy.shape: Required value"),
        Shape("weight greater than max", [new("cpu", 101)], [(30, 3)], "scoringStrategy.resources[0].weight: Invalid value"),
        Shape("weight less than min", [new("cpu", 0)], [(30, 3)], "scoringStrategy.resources[0].weight: Invalid value"),
        Shape("valid shapes", [], [(30, 3)]),
        Shape("utilization less than min", [], [(-1, 3)], "scoringStrategy.shape[0].utilization: Invalid value"),
        Shape("utilization greater than max", [], [(101, 3)], "scoringStrategy.shape[0].utilization: Invalid value"),
        Shape("duplicated utilization values", [], [(10, 3), (10, 3)], "scoringStrategy.shape[1].utilization: Invalid value"),
        Shape("increasing utilization values", [], [(10, 3), (20, 3), (30, 3)]),
        Shape("non-increasing utilization values", [], [(10, 3), (20, 3), (15, 3)], "scoringStrategy.shape[2].utilization: Invalid value"),
        Shape("score less than min", [], [(10, -1)], "scoringStrategy.shape[0].score: Invalid value"),
        Shape("score greater than max", [], [(10, 11)], "scoringStrategy.shape[0].score: Invalid value"),
    ];

    [TestCaseSource(nameof(FitArgsCases))]
    public void TestValidateFitArgs(NodeResourcesFitArgs args, string? expect)
    {
        var errors = args.Validate(string.Empty);

        if (expect is null)
        {
            Assert.That(errors, Is.Empty);
        }
        else
        {
            Assert.That(string.Join(", ", errors), Does.Contain(expect));
        }
    }

    [TestCaseSource(nameof(WeightCases))]
    public void TestValidateLeastAllocatedScoringStrategy(ResourceSpec[] resources, string[] wantErrs) =>
        AssertErrors(new() { ScoringStrategy = new() { Type = ScoringStrategyType.LeastAllocated, Resources = [.. resources] } }, wantErrs);

    [TestCaseSource(nameof(WeightCases))]
    public void TestValidateMostAllocatedScoringStrategy(ResourceSpec[] resources, string[] wantErrs) =>
        AssertErrors(new() { ScoringStrategy = new() { Type = ScoringStrategyType.MostAllocated, Resources = [.. resources] } }, wantErrs);

    [TestCaseSource(nameof(RequestedToCapacityRatioCases))]
    public void TestValidateRequestedToCapacityRatioScoringStrategy(ResourceSpec[] resources, UtilizationShapePoint[] shape, string[] wantErrs) =>
        AssertErrors(
            new()
            {
                ScoringStrategy = new()
                {
                    Type = ScoringStrategyType.RequestedToCapacityRatio,
                    Resources = [.. resources],
                    RequestedToCapacityRatio = new() { Shape = [.. shape] },
                },
            },
            wantErrs);

    [Test]
    public void Rejects_args_without_a_scoring_strategy()
    {
        var error = Assert.Throws<SchedulerConfigException>(() => _ = new Fit(new NodeResourcesFitArgs { ScoringStrategy = null }));

        Assert.That(error!.Message, Does.Contain("scoring strategy not specified"));
    }

    [Test]
    public void Rejects_RequestedToCapacityRatio_without_its_parameters()
    {
        // Upstream's validation passes these args and NewFit then dereferences the missing parameters.
        var args = new NodeResourcesFitArgs { ScoringStrategy = new() { Type = ScoringStrategyType.RequestedToCapacityRatio } };

        var error = Assert.Throws<SchedulerConfigException>(() => _ = new Fit(args));

        Assert.That(error!.Message, Does.Contain("scoringStrategy.requestedToCapacityRatio: Required value"));
    }

    [Test]
    public void Prints_errors_as_apimachinery_field_errors()
    {
        var args = new NodeResourcesFitArgs
        {
            IgnoredResourceGroups = ["example.com/aa"],
            ScoringStrategy = new()
            {
                Type = "Fastest",
                Resources = [new("cpu", 0)],
                RequestedToCapacityRatio = new() { Shape = [new(20, 3), new(10, 11)] },
            },
        };

        Assert.That(args.Validate("profiles[0].pluginConfig[0].args"), Is.EqualTo(new[]
        {
            "profiles[0].pluginConfig[0].args.ignoredResourceGroups[0]: Invalid value: \"example.com/aa\": resource group name can't contain '/'",
            "profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: \"Fastest\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"",
            "profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 0: resource weight of cpu not in valid range (0, 100]",
            "profiles[0].pluginConfig[0].args.scoringStrategy.shape[1].utilization: Invalid value: 10: values must be sorted in increasing order",
            "profiles[0].pluginConfig[0].args.scoringStrategy.shape[1].score: Invalid value: 11: not in valid range [0, 10]",
        }));
    }

    [Test]
    public void Reads_the_upstream_field_names_in_camel_case()
    {
        const string json = """
            {
              "ignoredResources": ["example.com/foo"],
              "ignoredResourceGroups": ["example.org"],
              "scoringStrategy": {
                "type": "RequestedToCapacityRatio",
                "resources": [{ "name": "cpu", "weight": 3 }, { "name": "nvidia.com/gpu" }],
                "requestedToCapacityRatio": { "shape": [{ "utilization": 0, "score": 0 }, { "utilization": 100, "score": 10 }] }
              }
            }
            """;

        var args = JsonSerializer.Deserialize<NodeResourcesFitArgs>(json, Web)!;

        Assert.That(args.IgnoredResources, Is.EqualTo(new[] { "example.com/foo" }));
        Assert.That(args.IgnoredResourceGroups, Is.EqualTo(new[] { "example.org" }));
        Assert.That(args.ScoringStrategy!.Type, Is.EqualTo(ScoringStrategyType.RequestedToCapacityRatio));
        Assert.That(args.ScoringStrategy.Resources, Is.EqualTo(new ResourceSpec[] { new("cpu", 3), new("nvidia.com/gpu", 1) }));
        Assert.That(args.ScoringStrategy.RequestedToCapacityRatio!.Shape, Is.EqualTo(new UtilizationShapePoint[] { new(0, 0), new(100, 10) }));
        Assert.That(args.Validate(string.Empty), Is.Empty);
    }

    [Test]
    public void Defaults_as_upstream_v1_does()
    {
        Assert.That(new NodeResourcesFitArgs().ScoringStrategy, Is.EqualTo(ScoringStrategy.Default));
        Assert.That(ScoringStrategy.Default.Type, Is.EqualTo(ScoringStrategyType.LeastAllocated));
        Assert.That(ScoringStrategy.Default.Resources, Is.EqualTo(new ResourceSpec[] { new("cpu", 1), new("memory", 1) }));

        var defaulted = new NodeResourcesFitArgs { ScoringStrategy = null }.WithDefaults();
        Assert.That(defaulted.ScoringStrategy!.Type, Is.EqualTo(ScoringStrategyType.LeastAllocated));
        Assert.That(defaulted.ScoringStrategy.Resources, Is.EqualTo(ResourceSpec.Defaults));

        var emptyAndZero = new NodeResourcesFitArgs { ScoringStrategy = new() { Type = ScoringStrategyType.MostAllocated, Resources = [] } }.WithDefaults();
        Assert.That(emptyAndZero.ScoringStrategy!.Resources, Is.EqualTo(ResourceSpec.Defaults));
        var zeroWeight = new NodeResourcesFitArgs { ScoringStrategy = new() { Type = ScoringStrategyType.MostAllocated, Resources = [new("cpu", 0), new("memory", 3)] } };
        Assert.That(zeroWeight.WithDefaults().ScoringStrategy!.Resources, Is.EqualTo(new ResourceSpec[] { new("cpu", 1), new("memory", 3) }));
    }

    [Test]
    public void The_registry_defaults_args_before_building_the_plugin()
    {
        var registry = PluginRegistry.CreateDefault();
        var handle = new FrameworkHandle(Snapshot.Create([]));

        Assert.That(registry.ArgsType(Fit.PluginName), Is.EqualTo(typeof(NodeResourcesFitArgs)));
        Assert.That(registry.Create(Fit.PluginName, null, handle), Is.InstanceOf<Fit>());
        var zeroWeight = new NodeResourcesFitArgs { ScoringStrategy = new() { Type = ScoringStrategyType.LeastAllocated, Resources = [new("cpu", 0)] } };
        Assert.That(registry.Create(Fit.PluginName, zeroWeight, handle), Is.InstanceOf<Fit>());
    }

    private static void AssertErrors(NodeResourcesFitArgs args, string[] wantErrs) =>
        Assert.That(FieldsAndTypes(args.Validate(string.Empty)), Is.EqualTo(wantErrs));

    private static TestCaseData FitArgs(string name, NodeResourcesFitArgs args, string? expect) => new TestCaseData(args, expect).SetName(name);

    private static TestCaseData Weights(string name, ResourceSpec[] resources, params string[] wantErrs) => new TestCaseData(resources, wantErrs).SetName(name);

    private static TestCaseData Shape(string name, ResourceSpec[] resources, (int Utilization, int Score)[] shape, params string[] wantErrs) =>
        new TestCaseData(resources, shape.Select(p => new UtilizationShapePoint(p.Utilization, p.Score)).ToArray(), wantErrs).SetName(name);
}
