using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuPluginRuns;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using GpuClusteringPlugin = Sim.Scheduling.Plugins.GpuClustering.GpuClustering;

namespace Sim.Cluster.Tests.Scheduling.Plugins.GpuClustering;

/// <summary>GpuClustering's bands, by hand from fgd-method.md §4 with t = ⌊25 × (8000 − ΣgpuFree) / 8000⌋.</summary>
public class GpuClusteringTests
{
    // empty: no GPU pods (8000 free, t = 0); shares: one 500 share (7500 free, t = ⌊12500/8000⌋ = 1);
    // mixed: a 500 share and a whole GPU (6500 free, t = ⌊37500/8000⌋ = 4).
    private static Snapshot Cluster() => Snapshot.Create(
        [GpuNode("empty", 96_000, 8), GpuNode("shares", 96_000, 8), GpuNode("mixed", 96_000, 8)],
        [
            GpuPod("s1", 1000, 1, 500).On("shares", 0),
            GpuPod("s2", 1000, 1, 500).On("mixed", 0),
            GpuPod("w1", 1000, 1, 1000).On("mixed", 1),
            GpuPod("c1", 1000).On("empty"),
        ]);

    [Test]
    public void A_share_prefers_nodes_of_shares_only_then_mixed_then_empty_nodes()
    {
        var scores = Raw(new GpuClusteringPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000, 1, 300)));

        Assert.That(scores, Is.EqualTo(new Dictionary<string, long> { ["empty"] = 25, ["shares"] = 76, ["mixed"] = 54 }));
    }

    [Test]
    public void Two_whole_gpus_find_no_node_of_their_class_so_empty_nodes_win()
    {
        var scores = Raw(new GpuClusteringPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000, 2, 1000)));

        Assert.That(scores, Is.EqualTo(new Dictionary<string, long> { ["empty"] = 25, ["shares"] = 1, ["mixed"] = 4 }));
    }

    [Test]
    public void One_whole_gpu_joins_its_class_among_others()
    {
        var scores = Raw(new GpuClusteringPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000, 1, 1000)));

        Assert.That(scores, Is.EqualTo(new Dictionary<string, long> { ["empty"] = 25, ["shares"] = 1, ["mixed"] = 54 }));
    }

    [Test]
    public void A_cpu_only_pod_scores_0_everywhere()
    {
        var scores = Raw(new GpuClusteringPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000)));

        Assert.That(scores.Values, Is.All.Zero);
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        Assert.That(ScoreAllocations(new GpuClusteringPlugin(), Cluster(), new PodInfo(GpuPod("p", 1000, 1, 300))), Is.Zero);
    }
}
