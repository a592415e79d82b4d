using Sim.Scheduling.Gpu;

namespace Sim.Metrics.Tests;

public class FragmentationWorkloadTests
{
    // Shares, whole GPUs with and without models, CPU-only tasks, CPU requests on both sides of the
    // nodes' CPU left, and one task with an invalid probability (skipped by both).
    private static readonly TypicalPod[] Workload =
    [
        new(4000, 500, 1, string.Empty, 0.2),
        new(12_000, 500, 1, string.Empty, 0.1),
        new(2000, 300, 1, "V100", 0.1),
        new(8000, 1000, 1, string.Empty, 0.15),
        new(30_000, 1000, 1, string.Empty, 0.05),
        new(16_000, 1000, 2, "V100|A100", 0.1),
        new(6000, 800, 1, "T4", 0.1),
        new(1000, 0, 0, string.Empty, 0.12),
        new(40_000, 0, 0, string.Empty, 0.08),
        new(1000, 250, 1, string.Empty, 1.5),
    ];

    private static readonly object[] Nodes =
    [
        new object[] { "an idle V100 node", 32_000L, new[] { 1000, 1000, 1000, 1000 }, "V100" },
        new object[] { "a V100 node with shares and a whole GPU taken", 18_000L, new[] { 200, 0, 1000, 1000 }, "V100" },
        new object[] { "a V100 node short of CPU for most tasks", 3000L, new[] { 700, 400, 1000, 0 }, "V100" },
        new object[] { "a T4 node with one device left", 10_000L, new[] { 300, 1000 }, "T4" },
        new object[] { "a node without devices", 8000L, Array.Empty<int>(), string.Empty },
        new object[] { "a full node", 0L, new[] { 0, 0 }, "A100" },
    ];

    [TestCaseSource(nameof(Nodes))]
    public void Grouping_the_tasks_by_gpu_request_gives_fragmentations_F(string node, long cpuLeft, int[] free, string model)
    {
        var expected = Fragmentation.OfNode(cpuLeft, free, model, Workload);

        Assert.That(new FragmentationWorkload(Workload).OfNode(cpuLeft, free, model), Is.EqualTo(expected).Within(1e-9), node);
    }

    [Test]
    public void An_empty_workload_finds_nothing_fragmented() =>
        Assert.That(FragmentationWorkload.Empty.OfNode(1000, [1000, 500], "V100"), Is.Zero);
}
