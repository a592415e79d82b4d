using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuPluginRuns;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using DotProdPlugin = Sim.Scheduling.Plugins.DotProd.DotProd;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DotProd;

/// <summary>DotProd's scores, by hand from fgd-method.md §4: ⌊100 × (1 − ([cpuLeft/128000, gpuFree/8000] · [cpu/128000, gpu/8000]) / 2)⌋.</summary>
public class DotProdTests
{
    // roomy: 64 cores and 4 GPUs free; tight: 16 cores and 1 GPU free; short: 4 cores left.
    private static Snapshot Cluster() => Snapshot.Create(
        [GpuNode("roomy", 64_000, 4), GpuNode("tight", 16_000, 1), GpuNode("short", 4000, 2)],
        []);

    [Test]
    public void The_smallest_dot_product_scores_highest_and_a_node_short_of_cpu_scores_0()
    {
        var scores = Raw(new DotProdPlugin(), Cluster(), new PodInfo(GpuPod("p", 8000, 1, 500)));

        Assert.Multiple(() =>
        {
            // [0.5, 0.5]·[0.0625, 0.0625] = 0.0625, halved 0.03125: 96.875 → 96.
            Assert.That(scores["roomy"], Is.EqualTo(96));
            // [0.125, 0.125]·[0.0625, 0.0625] = 0.015625, halved 0.0078125: 99.21875 → 99.
            Assert.That(scores["tight"], Is.EqualTo(99));
            Assert.That(scores["short"], Is.Zero);
        });
    }

    [Test]
    public void A_cpu_only_pod_is_scored_on_cpu_alone()
    {
        var scores = Raw(new DotProdPlugin(), Cluster(), new PodInfo(GpuPod("p", 64_000)));

        // roomy: 0.5 × 0.5 = 0.25, halved 0.125: 87.5 → 87; tight (16 cores) and short (4) are short of 64 cores.
        Assert.That(scores, Is.EqualTo(new Dictionary<string, long> { ["roomy"] = 87, ["tight"] = 0, ["short"] = 0 }));
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        Assert.That(ScoreAllocations(new DotProdPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000, 1, 500))), Is.Zero);
    }
}
