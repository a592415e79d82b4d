using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Balanced = Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// TestValidateNodeResourcesBalancedAllocationArgs, ported from upstream's
/// <c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c> (errors compared by field path and
/// type, as upstream does). No case is skipped. The last tests are Sim's own: defaults and the registry.
/// </summary>
public class NodeResourcesBalancedAllocationArgsTests
{
    private static readonly object[] Cases =
    [
        new TestCaseData(new ResourceSpec[] { new("cpu", 1), new("memory", 1) }, Array.Empty<string>()).SetName("valid config"),
        new TestCaseData(new ResourceSpec[] { new("cpu", 2), new("memory", 1) }, new[] { "resources[0].weight: Invalid value" }).SetName("invalid config"),
        new TestCaseData(new ResourceSpec[] { new("cpu", 1), new("cpu", 1) }, new[] { "resources[1].name: Duplicate value" }).SetName("repeated resources"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestValidateNodeResourcesBalancedAllocationArgs(ResourceSpec[] resources, string[] wantErrs) =>
        Assert.That(FieldsAndTypes(new NodeResourcesBalancedAllocationArgs { Resources = [.. resources] }.Validate(string.Empty)), Is.EqualTo(wantErrs));

    [Test]
    public void Defaults_to_cpu_and_memory_and_a_weight_of_1()
    {
        Assert.That(new NodeResourcesBalancedAllocationArgs().Resources, Is.EqualTo(ResourceSpec.Defaults));
        Assert.That(new NodeResourcesBalancedAllocationArgs { Resources = [] }.WithDefaults().Resources, Is.EqualTo(ResourceSpec.Defaults));
        Assert.That(
            new NodeResourcesBalancedAllocationArgs { Resources = [new("cpu", 0), new("nvidia.com/gpu", 0)] }.WithDefaults().Resources,
            Is.EqualTo(new ResourceSpec[] { new("cpu", 1), new("nvidia.com/gpu", 1) }));
    }

    [Test]
    public void Rejects_invalid_args_with_the_field_errors()
    {
        var args = new NodeResourcesBalancedAllocationArgs { Resources = [new("cpu", 2), new("cpu", 1)] };

        var error = Assert.Throws<SchedulerConfigException>(() => _ = new Balanced(args));

        Assert.That(error!.Message, Is.EqualTo(
            "initializing plugin \"NodeResourcesBalancedAllocation\": [resources[0].weight: Invalid value: 2: must be 1, resources[1].name: Duplicate value: \"cpu\"]"));
    }

    [Test]
    public void The_registry_defaults_args_before_building_the_plugin()
    {
        var registry = PluginRegistry.CreateDefault();
        var handle = new FrameworkHandle(Snapshot.Create([]));

        Assert.That(registry.ArgsType(Balanced.PluginName), Is.EqualTo(typeof(NodeResourcesBalancedAllocationArgs)));
        Assert.That(registry.Create(Balanced.PluginName, null, handle), Is.InstanceOf<Balanced>());
        Assert.That(registry.Create(Balanced.PluginName, new NodeResourcesBalancedAllocationArgs { Resources = [new("cpu", 0)] }, handle), Is.InstanceOf<Balanced>());
    }
}
