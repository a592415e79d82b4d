using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;
using BestFitPlugin = Sim.Scheduling.Plugins.BestFit.BestFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.BestFit;

/// <summary>
/// BestFit's raw scores (leftover shares after placement, parts per million) and normalized scores,
/// computed by hand in each test from the formula in docs/policies.md.
/// </summary>
public class BestFitTests
{
    [Test]
    public void The_tightest_node_scores_100_and_the_others_by_min_max()
    {
        // Nodes of 4 cpu / 16Gi; the pod asks for 500m / 2Gi.
        var snapshot = Snapshot.Create(
            [NodeOf("tight"), NodeOf("half"), NodeOf("empty")],
            [Bound("t", "tight", ("cpu", "3"), ("memory", "12Gi")), Bound("h", "half", ("cpu", "2"), ("memory", "8Gi"))]);
        var pod = Pending("p", ("cpu", "500m"), ("memory", "2Gi"));

        var scores = Scores(new BestFitPlugin(), snapshot, pod);

        // tight: cpu 500/4000 and memory 2/16 left = 125,000 + 125,000; half: 1500/4000 + 6/16; empty: 3500/4000 + 14/16.
        Assert.Multiple(() =>
        {
            Assert.That(scores["tight"], Is.EqualTo((250_000L, 100L)));
            Assert.That(scores["half"], Is.EqualTo((750_000L, 66L)), "100 × (1,750,000 − 750,000) / 1,500,000 = 66.7, truncated");
            Assert.That(scores["empty"], Is.EqualTo((1_750_000L, 0L)));
        });
    }

    [Test]
    public void A_gpu_node_counts_its_free_gpus_so_a_cpu_pod_fits_tighter_elsewhere()
    {
        var snapshot = Snapshot.Create(
            [NodeOf("cpu-only"), NodeOf("gpu", gpus: 4)],
            [Bound("a", "cpu-only", ("cpu", "3"), ("memory", "12Gi")), Bound("b", "gpu", ("cpu", "3"), ("memory", "12Gi"))]);
        var pod = Pending("p", ("cpu", "500m"), ("memory", "2Gi"));

        var scores = Scores(new BestFitPlugin(), snapshot, pod);

        Assert.Multiple(() =>
        {
            Assert.That(scores["cpu-only"], Is.EqualTo((250_000L, 100L)));
            Assert.That(scores["gpu"], Is.EqualTo((1_250_000L, 0L)), "the 4 free GPUs add a whole share");
        });
    }

    [Test]
    public void A_gpu_pod_goes_where_its_gpu_leaves_the_fewest_free()
    {
        var snapshot = Snapshot.Create(
            [NodeOf("gpu-4", gpus: 4), NodeOf("gpu-8", gpus: 8)],
            [Bound("a", "gpu-4", ("nvidia.com/gpu", "3")), Bound("b", "gpu-8", ("nvidia.com/gpu", "1"))]);
        var pod = Pending("p", ("cpu", "1"), ("memory", "4Gi"), ("nvidia.com/gpu", "1"));

        var scores = Scores(new BestFitPlugin(), snapshot, pod);

        // cpu 3/4 and memory 12/16 left on both; GPUs: 0 of 4 left, 6 of 8 left.
        Assert.Multiple(() =>
        {
            Assert.That(scores["gpu-4"], Is.EqualTo((1_500_000L, 100L)));
            Assert.That(scores["gpu-8"], Is.EqualTo((2_250_000L, 0L)));
        });
    }

    [Test]
    public void Equal_nodes_all_score_100()
    {
        var snapshot = Snapshot.Create([NodeOf("a"), NodeOf("b")]);

        var scores = Scores(new BestFitPlugin(), snapshot, Pending("p", ("cpu", "1")));

        Assert.That(scores.Values.Select(s => s.Normalized), Is.All.EqualTo(100L));
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        var snapshot = Snapshot.Create([NodeOf("a", gpus: 2), NodeOf("b")], [Bound("x", "a", ("cpu", "1"), ("nvidia.com/gpu", "1"))]);
        var pod = Pending("p", ("cpu", "1"), ("memory", "1Gi"), ("nvidia.com/gpu", "1"));
        var plugin = new BestFitPlugin();
        var state = new CycleState();
        long total = 0;

        var allocated = Helper.Allocations.Of(() =>
        {
            var nodes = snapshot.NodeInfos;
            for (var i = 0; i < nodes.Count; i++)
            {
                total += plugin.Score(state, pod, nodes[i]);
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(total, Is.Positive);
    }
}
