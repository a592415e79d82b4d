using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;
using WorstFitPlugin = Sim.Scheduling.Plugins.WorstFit.WorstFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.WorstFit;

/// <summary>WorstFit's raw scores (leftover shares after placement, parts per million) and normalized scores, computed by hand.</summary>
public class WorstFitTests
{
    [Test]
    public void The_emptiest_node_scores_100_and_the_others_by_min_max()
    {
        var snapshot = Snapshot.Create(
            [NodeOf("tight"), NodeOf("half"), NodeOf("empty")],
            [Bound("t", "tight", ("cpu", "3"), ("memory", "12Gi")), Bound("h", "half", ("cpu", "2"), ("memory", "8Gi"))]);
        var pod = Pending("p", ("cpu", "500m"), ("memory", "2Gi"));

        var scores = Scores(new WorstFitPlugin(), snapshot, pod);

        Assert.Multiple(() =>
        {
            Assert.That(scores["empty"], Is.EqualTo((1_750_000L, 100L)));
            Assert.That(scores["half"], Is.EqualTo((750_000L, 33L)), "100 × (750,000 − 250,000) / 1,500,000 = 33.3, truncated");
            Assert.That(scores["tight"], Is.EqualTo((250_000L, 0L)));
        });
    }

    [Test]
    public void Leftover_is_a_share_of_each_node_so_the_same_pod_leaves_a_big_node_emptier_than_a_small_one()
    {
        var snapshot = Snapshot.Create([NodeOf("small", cpu: 2, memoryGi: 8), NodeOf("big", cpu: 8, memoryGi: 32)]);
        var pod = Pending("p", ("cpu", "1"), ("memory", "4Gi"));

        var scores = Scores(new WorstFitPlugin(), snapshot, pod);

        // small: 1/2 + 4/8 = 1,000,000; big: 7/8 + 28/32 = 1,750,000.
        Assert.Multiple(() =>
        {
            Assert.That(scores["big"], Is.EqualTo((1_750_000L, 100L)));
            Assert.That(scores["small"], Is.EqualTo((1_000_000L, 0L)));
        });
    }
}
