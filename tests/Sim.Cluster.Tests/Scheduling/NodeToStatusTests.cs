using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary><see cref="NodeToStatus"/>: statuses recorded in any order read back as a map, the last one per node winning.</summary>
public class NodeToStatusTests
{
    [Test]
    public void The_last_status_recorded_for_a_node_wins_whether_read_between_or_after()
    {
        var statuses = new NodeToStatus { AbsentNodesStatus = Status.UnschedulableAndUnresolvable("absent") };
        statuses.Set("a", Status.Unschedulable("first"));
        statuses.Set("b", Status.Unschedulable("b"));
        statuses.Set("a", Status.Unschedulable("second"));
        Assert.That(statuses.Count, Is.EqualTo(2));
        Assert.That(statuses.Get("a").Message, Is.EqualTo("second"));

        statuses.Set("a", Status.Unschedulable("third"));
        statuses.Set("c", Status.Unschedulable("c"));
        Assert.That(statuses.Statuses.Keys, Is.EquivalentTo(new[] { "a", "b", "c" }));
        Assert.That(statuses.Get("a").Message, Is.EqualTo("third"));
        Assert.That(statuses.Get("z").Message, Is.EqualTo("absent"), "a node without a status has the absent nodes' status");

        statuses.Set("d", Status.Unschedulable("d"));
        statuses.Clear();
        Assert.That(statuses.Count, Is.Zero);
        Assert.That(statuses.Get("d").IsSuccess, Is.True);
    }
}
