using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuPluginRuns;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using GpuBestFitPlugin = Sim.Scheduling.Plugins.GpuBestFit.GpuBestFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.GpuBestFit;

/// <summary>GpuBestFit, by hand from fgd-method.md §4: ⌊100 × (1 − Σ 0.5 (free − req) / maxSpec)⌋, then upstream's min-max.</summary>
public class GpuBestFitTests
{
    [Test]
    public void The_tightest_node_normalizes_to_100_and_the_loosest_to_0()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 64_000, 4), GpuNode("b", 16_000, 1), GpuNode("c", 32_000, 2)]);

        var scores = Scores(new GpuBestFitPlugin(), snapshot, new PodInfo(GpuPod("p", 8000, 1, 500)));

        Assert.Multiple(() =>
        {
            // a: 56000/128000 × 0.5 + 3500/8000 × 0.5 = 0.4375 → 56.25 → 56.
            Assert.That(scores["a"], Is.EqualTo((56L, 0L)));
            // b: 8000/128000 × 0.5 + 500/8000 × 0.5 = 0.0625 → 93.75 → 93.
            Assert.That(scores["b"], Is.EqualTo((93L, 100L)));
            // c: 0.09375 + 0.09375 = 0.1875 → 81.25 → 81; (81 − 56) × 100 / 37 = 67.6 → 67.
            Assert.That(scores["c"], Is.EqualTo((81L, 67L)));
        });
    }

    [Test]
    public void Equal_raw_scores_all_normalize_to_0_as_upstream()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 32_000, 2), GpuNode("b", 32_000, 2)]);

        var scores = Scores(new GpuBestFitPlugin(), snapshot, new PodInfo(GpuPod("p", 8000, 1, 500)));

        Assert.That(scores.Values.Select(s => s.Normalized), Is.All.Zero);
        Assert.That(scores.Values.Select(s => s.Raw), Is.All.EqualTo(81L));
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        var snapshot = Snapshot.Create([GpuNode("a", 64_000, 4), GpuNode("b", 16_000, 1)]);

        Assert.That(ScoreAllocations(new GpuBestFitPlugin(), snapshot, new PodInfo(GpuPod("p", 8000, 1, 500))), Is.Zero);
    }
}
