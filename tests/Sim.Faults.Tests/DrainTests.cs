using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Faults.Tests;

public class DrainTests
{
    [Test]
    public void A_drain_evicts_within_the_budget_retries_every_5_s_and_uncordons_after_its_duration()
    {
        // One Deployment of 4 pods with minAvailable 3 on 2 nodes: draining a node that holds 2 of
        // them evicts one, is refused for the other until the replacement is ready, then evicts it.
        var cluster = TestClusters.WithWeb(nodes: 2, deployments: 1, replicas: 4, minAvailable: IntOrPercent.Absolute(3));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
        var node = TestClusters.ActivePods(cluster).GroupBy(p => p.Spec.NodeName).OrderBy(g => g.Key, StringComparer.Ordinal).First(g => g.Count() == 2).Key;
        var injector = new FaultInjector(cluster, [new DrainFault { Name = "maintenance", Nodes = [node], At = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(600) }]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(100));
        var cordoned = cluster.Api.List(Node.KindName).Cast<Node>().Single(n => n.Metadata.Name == node).Spec.Unschedulable;
        var pods = TestClusters.ActivePods(cluster);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(700));
        var uncordoned = !cluster.Api.List(Node.KindName).Cast<Node>().Single(n => n.Metadata.Name == node).Spec.Unschedulable;

        var evictions = injector.Events.Where(e => e.Action == FaultAction.Evicted).Select(e => e.Time).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cordoned, Is.True);
            Assert.That(pods, Has.Count.EqualTo(4));
            Assert.That(pods.Select(p => p.Spec.NodeName), Is.All.Not.EqualTo(node));
            Assert.That(evictions, Has.Count.EqualTo(2));
            Assert.That(evictions[0], Is.EqualTo(SimTime.FromSeconds(40)));
            Assert.That((evictions[1] - evictions[0]).Ticks % TimeSpan.FromSeconds(5).Ticks, Is.Zero, "retried on the 5 s rhythm");
            Assert.That(injector.EvictionsRefused, Is.GreaterThanOrEqualTo(1));
            Assert.That(injector.Events.Select(e => e.Action), Does.Contain(FaultAction.Drained));
            Assert.That(uncordoned, Is.True);
        });
    }

    [Test]
    public void A_drain_does_not_uncordon_a_node_someone_else_cordoned()
    {
        var cluster = TestClusters.Nodes(2);
        cluster.Client("admin").Modify<Node>(new Cluster.Api.ObjectKey(Node.KindName, string.Empty, "n0"), n => n with { Spec = n.Spec with { Unschedulable = true } }, "cordoned");
        new FaultInjector(cluster, [new DrainFault { Name = "d", Nodes = ["n0"], At = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(10) }]).Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(20));

        Assert.That(cluster.Api.Get<Node>(new Cluster.Api.ObjectKey(Node.KindName, string.Empty, "n0"))!.Spec.Unschedulable, Is.True);
    }
}
