using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;
using FirstFitPlugin = Sim.Scheduling.Plugins.FirstFit.FirstFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.FirstFit;

/// <summary>FirstFit's normalization: 100 for the scored node first in ordinal name order, 0 for the rest.</summary>
public class FirstFitTests
{
    [Test]
    public void The_first_node_by_ordinal_name_gets_100_whatever_the_snapshot_order()
    {
        // Three zones: the snapshot interleaves them, so its order is not the names' order.
        var snapshot = Snapshot.Create(
            [NodeOf("node-2", zone: "a"), NodeOf("node-10", zone: "b"), NodeOf("node-3", zone: "c"), NodeOf("node-1", zone: "a")]);

        var scores = Scores(new FirstFitPlugin(), snapshot, Pending("p", ("cpu", "1")));

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.NodeInfos[0].Name, Is.Not.EqualTo("node-1"), "the snapshot order differs from the name order");
            Assert.That(scores["node-1"], Is.EqualTo((0L, 100L)));
            Assert.That(scores["node-10"], Is.EqualTo((0L, 0L)), "ordinal: node-10 sorts after node-1 but before node-2");
            Assert.That(scores["node-2"].Normalized + scores["node-3"].Normalized, Is.Zero);
        });
    }

    [Test]
    public void Among_the_scored_nodes_only_the_first_counts()
    {
        NodeScore[] scores = [new("c", 0), new("b", 0), new("d", 0)];

        var status = new FirstFitPlugin().NormalizeScore(new CycleState(), Pending("p"), scores);

        Assert.That(status.IsSuccess, Is.True);
        Assert.That(scores.Select(s => s.Score), Is.EqualTo(new long[] { 0, 100, 0 }));
    }
}
