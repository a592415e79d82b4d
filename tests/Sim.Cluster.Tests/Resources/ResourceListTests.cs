using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Resources;

public class ResourceListTests
{
    [Test]
    public void Reads_a_resource_map_into_scheduler_units()
    {
        var ok = ResourceList.TryParse(
            new Dictionary<string, string>
            {
                ["cpu"] = "1.5",
                ["memory"] = "2Gi",
                ["ephemeral-storage"] = "10G",
                ["pods"] = "110",
                ["nvidia.com/gpu"] = "2",
                ["hugepages-2Mi"] = "512Mi",
            },
            "node.status.allocatable",
            out var list,
            out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, string.Join("; ", errors));
            Assert.That(list.MilliCpu, Is.EqualTo(1500));
            Assert.That(list.Memory, Is.EqualTo(2L << 30));
            Assert.That(list.EphemeralStorage, Is.EqualTo(10_000_000_000L));
            Assert.That(list.Pods, Is.EqualTo(110));
            Assert.That(list["nvidia.com/gpu"], Is.EqualTo(2));
            Assert.That(list["hugepages-2Mi"], Is.EqualTo(512L << 20));
            Assert.That(list.ToString(), Is.EqualTo("cpu=1500m, memory=2147483648, ephemeral-storage=10000000000, pods=110, hugepages-2Mi=536870912, nvidia.com/gpu=2"));
        });
    }

    [Test]
    public void An_empty_resource_name_is_an_error_not_an_exception()
    {
        var ok = ResourceList.TryParse(new Dictionary<string, string> { [""] = "1", ["cpu"] = "1" }, "requests", out _, out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(errors, Is.EqualTo(new[] { "requests[]: a resource name is required" }));
        });
    }

    [Test]
    public void Cpu_rounds_up_to_a_whole_milli_core_and_memory_to_a_whole_byte()
    {
        ResourceList.TryParse(new Dictionary<string, string> { ["cpu"] = "0.1m", ["memory"] = "1.5" }, "requests", out var list, out _);

        Assert.Multiple(() =>
        {
            Assert.That(list.MilliCpu, Is.EqualTo(1));
            Assert.That(list.Memory, Is.EqualTo(2));
        });
    }

    [Test]
    public void Every_bad_amount_is_reported_with_its_field()
    {
        var ok = ResourceList.TryParse(
            new Dictionary<string, string>
            {
                ["cpu"] = "-1",
                ["memory"] = "12Qi",
                ["ephemeral-storage"] = "1e400",
                ["example.com/foo"] = "1.5",
                ["pods"] = "garbage",
            },
            "spec.containers[0].resources.requests",
            out _,
            out var errors);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(errors, Has.Count.EqualTo(5));
            Assert.That(errors, Has.Some.StartsWith("spec.containers[0].resources.requests[cpu]: '-1' is negative"));
            Assert.That(errors, Has.Some.StartsWith("spec.containers[0].resources.requests[memory]: quantity '12Qi' is not a number with a suffix"));
            Assert.That(errors, Has.Some.StartsWith("spec.containers[0].resources.requests[ephemeral-storage]: '1e400' is too large"));
            Assert.That(errors, Has.Some.StartsWith("spec.containers[0].resources.requests[example.com/foo]: '1.5' is not a whole number"));
            Assert.That(errors, Has.Some.StartsWith("spec.containers[0].resources.requests[pods]: quantity 'garbage'"));
        });
    }

    [Test]
    public void A_missing_cpu_or_memory_is_not_an_explicit_zero()
    {
        ResourceList.TryParse(new Dictionary<string, string> { ["cpu"] = "0" }, "requests", out var list, out _);

        var defaulted = list.WithDefaultsForMissing(ResourceList.Builder().Cpu(100).Memory(200).Build());

        Assert.Multiple(() =>
        {
            Assert.That(list.HasCpu, Is.True);
            Assert.That(list.HasMemory, Is.False);
            Assert.That(defaulted.MilliCpu, Is.EqualTo(0), "an explicit zero is kept");
            Assert.That(defaulted.Memory, Is.EqualTo(200), "a missing request gets the default");
        });
    }

    [Test]
    public void Adding_and_taking_the_maximum_work_per_resource()
    {
        var a = ResourceList.Builder().Cpu(100).Memory(50).Set("nvidia.com/gpu", 1).Build();
        var b = ResourceList.Builder().Cpu(30).Memory(80).Set("example.com/foo", 4).Build();

        Assert.Multiple(() =>
        {
            Assert.That(a.Add(b), Is.EqualTo(ResourceList.Builder().Cpu(130).Memory(130).Set("nvidia.com/gpu", 1).Set("example.com/foo", 4).Build()));
            Assert.That(a.Max(b), Is.EqualTo(ResourceList.Builder().Cpu(100).Memory(80).Set("nvidia.com/gpu", 1).Set("example.com/foo", 4).Build()));
        });
    }

    [TestCase("nvidia.com/gpu", true)]
    [TestCase("example.com/foo", true)]
    [TestCase("cpu", false)]
    [TestCase("hugepages-2Mi", false)]
    [TestCase("kubernetes.io/something", false)]
    [TestCase("foo.kubernetes.io/bar", false)]
    [TestCase("requests/foo", false)]
    public void Extended_resources_are_the_ones_outside_kubernetes_io(string name, bool extended)
    {
        Assert.That(ResourceNames.IsExtended(name), Is.EqualTo(extended));
    }

    [TestCase(500, 0, 0, 0, null)]
    [TestCase(2500, 0, 0, 0, "cpu")]
    [TestCase(100, 9, 0, 0, "memory")]
    [TestCase(100, 1, 11, 0, "ephemeral-storage")]
    [TestCase(100, 1, 1, 3, "nvidia.com/gpu")]
    [TestCase(0, 0, 0, 0, null)]
    public void The_first_shortage_is_named_in_the_fit_filters_order(long cpu, long memory, long storage, long gpus, string? expected)
    {
        var allocatable = ResourceList.Builder().Cpu(4000).Memory(16).EphemeralStorage(20).Set("nvidia.com/gpu", 4).Build();
        var used = ResourceList.Builder().Cpu(2000).Memory(8).EphemeralStorage(10).Set("nvidia.com/gpu", 2).Build();
        var request = ResourceList.Builder().Cpu(cpu).Memory(memory).EphemeralStorage(storage).Set("nvidia.com/gpu", gpus).Build();

        Assert.That(request.FirstShortage(used, allocatable), Is.EqualTo(expected));
    }
}
