using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Faults.Tests;

public class KubeletPartitionTests
{
    [Test]
    public void A_partition_of_drawn_nodes_is_detected_and_heals_after_its_duration()
    {
        var cluster = TestClusters.Nodes(6);
        var injector = new FaultInjector(cluster, [new KubeletPartitionFault { Name = "split", Count = 2, At = TimeSpan.FromSeconds(100), Duration = TimeSpan.FromSeconds(120) }]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(200));
        var partitioned = cluster.Kubelets.Where(k => k.Value.IsPartitioned).Select(k => k.Key).Order(StringComparer.Ordinal).ToArray();
        var unknown = cluster.Api.List(Node.KindName).Cast<Node>().Where(n => n.Status.Ready == NodeConditionStatus.Unknown).Select(n => n.Metadata.Name).ToArray();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(240));

        Assert.Multiple(() =>
        {
            Assert.That(partitioned, Has.Length.EqualTo(2));
            Assert.That(unknown, Is.EquivalentTo(partitioned), "the control plane noticed the missing leases");
            Assert.That(cluster.Kubelets.Values.Any(k => k.IsPartitioned || k.IsDown), Is.False);
            Assert.That(cluster.Api.List(Node.KindName).Cast<Node>().All(n => n.Status.Ready == NodeConditionStatus.True), Is.True);
            Assert.That(injector.Partitions, Is.EqualTo(2));
            Assert.That(injector.Events.Select(e => (e.Time, e.Action)), Is.EqualTo(new[]
            {
                (SimTime.FromSeconds(100), FaultAction.Partitioned),
                (SimTime.FromSeconds(100), FaultAction.Partitioned),
                (SimTime.FromSeconds(220), FaultAction.Healed),
                (SimTime.FromSeconds(220), FaultAction.Healed),
            }));
        });
    }

    [Test]
    public void The_drawn_nodes_depend_only_on_the_seed_and_the_fault_name()
    {
        string[] Drawn(ulong seed, string name)
        {
            var cluster = TestClusters.Nodes(30, seed);
            new FaultInjector(cluster, [new KubeletPartitionFault { Name = name, Count = 3, At = TimeSpan.Zero }]).Start();
            cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
            return [.. cluster.Kubelets.Where(k => k.Value.IsPartitioned).Select(k => k.Key).Order(StringComparer.Ordinal)];
        }

        var first = Drawn(1, "split");
        Assert.Multiple(() =>
        {
            Assert.That(Drawn(1, "split"), Is.EqualTo(first));
            Assert.That(first, Has.Length.EqualTo(3));
            Assert.That(Enumerable.Range(2, 5).Select(s => string.Join(",", Drawn((ulong)s, "split"))).Append(string.Join(",", first)).Distinct().Count(), Is.GreaterThan(1));
        });
    }

    [Test]
    public void A_node_selector_limits_the_draw()
    {
        var cluster = TestClusters.Nodes(9);
        var selector = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add(Node.ZoneLabel, "b");
        new FaultInjector(cluster, [new KubeletPartitionFault { Name = "zone-b", Count = 2, NodeSelector = selector, At = TimeSpan.Zero }]).Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        var partitioned = cluster.Kubelets.Where(k => k.Value.IsPartitioned).Select(k => k.Key).ToArray();
        Assert.That(partitioned, Is.SubsetOf(new[] { "n1", "n4", "n7" }).And.Length.EqualTo(2));
    }
}
