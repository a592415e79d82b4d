using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Controllers;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// The node lifecycle controller's eviction rate limits with kube-controller-manager's defaults
/// (<c>--node-eviction-rate</c> 0.1, <c>--secondary-node-eviction-rate</c> 0.01,
/// <c>--unhealthy-zone-threshold</c> 0.55, <c>--large-cluster-size-threshold</c> 50): NoExecute taints
/// per zone through a token bucket, and none while every zone is down.
/// </summary>
/// <remarks>
/// Nodes renew their leases at 0, 10, 20 … s. A node failing at 25 s renewed last at 20 s; the monitor
/// pass at 75 s marks it Unknown, the pass at 80 s queues it, and tainting passes run every 100 ms.
/// </remarks>
public class NodeEvictionRateTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Test]
    public void A_zone_outage_taints_that_zones_nodes_at_one_node_every_10_s()
    {
        var cluster = ZonedCluster(["a", "b", "c"], nodesPerZone: 4, replicas: 12);
        FailAt(cluster, 25, NodesOf(cluster, "b"));

        cluster.Simulation.RunUntil(SimTime.FromSeconds(200));

        var taints = NoExecuteTaintTimes(cluster);
        Assert.Multiple(() =>
        {
            Assert.That(taints.Select(t => t.Node), Is.EqualTo(NodesOf(cluster, "b")), "in name order, as queued");
            Assert.That(taints.Select(t => t.Time), Is.EqualTo(new[] { 80, 90, 100, 110 }.Select(s => SimTime.FromSeconds(s) + Tick)));
            Assert.That(StateOf(cluster, "b"), Is.EqualTo(ZoneState.FullDisruption));
            Assert.That(StateOf(cluster, "a"), Is.EqualTo(ZoneState.Normal));
            Assert.That(cluster.NodeLifecycleController.TaintingRate(ZoneKey("b")), Is.EqualTo(0.1), "a zone down while others are up keeps the normal rate");
        });

        // Each pod goes 300 s after its node's taint.
        cluster.Simulation.RunUntil(SimTime.FromSeconds(500));
        var evictions = cluster.Log.Events.Where(e => e.Change == "evicted (NoExecute taint)").Select(e => e.Time).Distinct().ToList();
        Assert.That(evictions, Is.SubsetOf(new[] { 380, 390, 400, 410 }.Select(s => SimTime.FromSeconds(s) + Tick)));
    }

    [Test]
    public void Each_zone_has_its_own_bucket()
    {
        var cluster = ZonedCluster(["a", "b", "c"], nodesPerZone: 4, replicas: 12);
        FailAt(cluster, 25, [.. NodesOf(cluster, "b").Take(3), NodesOf(cluster, "c")[0]]);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(200));

        var taints = NoExecuteTaintTimes(cluster);
        Assert.Multiple(() =>
        {
            // Zone b (3 of 4 down: partially disrupted, but only 4 nodes) stops; zone c's one node goes at once.
            Assert.That(StateOf(cluster, "b"), Is.EqualTo(ZoneState.PartialDisruption));
            Assert.That(cluster.NodeLifecycleController.TaintingRate(ZoneKey("b")), Is.Zero);
            Assert.That(taints, Is.EqualTo(new[] { (NodesOf(cluster, "c")[0], SimTime.FromSeconds(80) + Tick) }));
        });
    }

    [Test]
    public void A_whole_cluster_outage_taints_and_evicts_nothing_and_the_pods_restart_in_place()
    {
        var cluster = ZonedCluster(["a", "b", "c"], nodesPerZone: 2, replicas: 6);
        var all = cluster.Kubelets.Keys.Order(StringComparer.Ordinal).ToArray();
        FailAt(cluster, 25, all);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(1000), () =>
        {
            foreach (var node in all)
            {
                cluster.Kubelets[node].Recover();
            }
        });

        cluster.Simulation.RunUntil(SimTime.FromSeconds(999));
        var states = cluster.NodeLifecycleController.ZoneStates.Values.ToList();
        var notReady = cluster.Api.List(Node.KindName).Cast<Node>().Count(n => n.Status.Ready == NodeConditionStatus.Unknown);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1100));

        Assert.Multiple(() =>
        {
            Assert.That(states, Is.All.EqualTo(ZoneState.FullDisruption));
            Assert.That(notReady, Is.EqualTo(6));
            Assert.That(NoExecuteTaintTimes(cluster), Is.Empty);
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero);
            Assert.That(cluster.NodeLifecycleController.ZoneStates.Values, Is.All.EqualTo(ZoneState.Normal));
            var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
            Assert.That(pods, Has.Count.EqualTo(6), "no pod was replaced");
            Assert.That(pods.All(p => p.Status.IsReady), Is.True);
        });
    }

    [Test]
    public void When_the_last_zone_goes_down_the_taints_already_added_are_removed_and_their_evictions_cancelled()
    {
        var cluster = ZonedCluster(["a", "b"], nodesPerZone: 2, replicas: 4);
        FailAt(cluster, 25, NodesOf(cluster, "a"));
        FailAt(cluster, 105, NodesOf(cluster, "b"));

        cluster.Simulation.RunUntil(SimTime.FromSeconds(150));
        var taintedBefore = cluster.Api.List(Node.KindName).Cast<Node>().Count(n => n.Spec.Taints.Any(t => t.Effect == TaintEffect.NoExecute));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1000));

        Assert.Multiple(() =>
        {
            Assert.That(taintedBefore, Is.EqualTo(2), "zone a was tainted at 80.1 and 90.1 s while zone b was up");
            Assert.That(cluster.Log.Events.Single(e => e.Change == "untainted (NoExecute)" && e.Target.Name == NodesOf(cluster, "a")[0]).Time, Is.EqualTo(SimTime.FromSeconds(155)));
            Assert.That(cluster.Api.List(Node.KindName).Cast<Node>().SelectMany(n => n.Spec.Taints).Where(t => t.Effect == TaintEffect.NoExecute), Is.Empty);
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero, "the evictions due at 380.1 s were cancelled");
        });
    }

    [Test]
    public void When_one_zone_of_a_fully_disrupted_cluster_comes_back_the_other_is_tainted_from_an_empty_bucket()
    {
        // Upstream "Initially both zones down, one comes back - eviction should take place".
        var cluster = ZonedCluster(["a", "b"], nodesPerZone: 1, replicas: 2);
        FailAt(cluster, 25, [.. cluster.Kubelets.Keys]);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(200), () => cluster.Kubelets[NodesOf(cluster, "b")[0]].Recover());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(300));

        Assert.Multiple(() =>
        {
            Assert.That(StateOf(cluster, "a"), Is.EqualTo(ZoneState.FullDisruption));
            Assert.That(StateOf(cluster, "b"), Is.EqualTo(ZoneState.Normal));

            // The pass at 205 s sees b Ready; a's bucket, swapped from never to 0.1/s, starts empty.
            Assert.That(NoExecuteTaintTimes(cluster), Is.EqualTo(new[] { (NodesOf(cluster, "a")[0], SimTime.FromSeconds(215)) }));
        });
    }

    [Test]
    public void A_node_excluded_from_disruption_checks_does_not_count_as_ready()
    {
        // Upstream "the only available Node has the exclude-disruption label": the zone is fully disrupted.
        var cluster = ZonedCluster(["a"], nodesPerZone: 2, replicas: 2, excluded: "a-1");
        FailAt(cluster, 25, ["a-0"]);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(500));

        Assert.Multiple(() =>
        {
            Assert.That(StateOf(cluster, "a"), Is.EqualTo(ZoneState.FullDisruption));
            Assert.That(NoExecuteTaintTimes(cluster), Is.Empty);
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero);
        });
    }

    [Test]
    public void A_relabelled_node_counts_in_its_new_zone_and_an_excluded_one_in_none()
    {
        // The pass reads a node's zone and exclusion again when its labels change.
        var cluster = ZonedCluster(["a", "b"], nodesPerZone: 1, replicas: 1);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(20));
        Assert.That(cluster.NodeLifecycleController.ZoneStates.Keys, Is.EqualTo(new[] { ZoneKey("a"), ZoneKey("b") }));

        var kubectl = cluster.Client("kubectl");
        var node = cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, "b-0"))!;
        kubectl.Update(node with { Metadata = node.Metadata with { Labels = node.Metadata.Labels.SetItem(Node.ZoneLabel, "c") } });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(40));
        Assert.That(cluster.NodeLifecycleController.ZoneStates.Keys, Is.EqualTo(new[] { ZoneKey("a"), ZoneKey("c") }), "b-0 moved to zone c");

        node = cluster.Api.Get<Node>(node.Key)!;
        kubectl.Update(node with { Metadata = node.Metadata with { Labels = node.Metadata.Labels.SetItem(ZoneDisruption.ExcludeDisruptionLabel, string.Empty) } });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));
        Assert.That(cluster.NodeLifecycleController.ZoneStates.Keys, Is.EqualTo(new[] { ZoneKey("a") }), "an excluded node counts in no zone");
    }

    [Test]
    public void After_nodes_came_and_went_each_node_is_judged_by_its_own_lease()
    {
        // A pass takes the per-node records of an unchanged node list by position: a list as long as the
        // last one but holding other nodes (one deleted, one added ahead of the rest) must be looked up
        // again, or each node would be judged by its neighbour's lease.
        var cluster = ZonedCluster(["a"], nodesPerZone: 3, replicas: 1);
        FailAt(cluster, 12, ["a-1"]);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(20));
        cluster.Client("kubectl").Delete(new ObjectKey(Node.KindName, string.Empty, "a-2"));
        cluster.AddNode("0-new", ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build(), new Dictionary<string, string> { [Node.ZoneLabel] = "a" });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));

        Assert.Multiple(() =>
        {
            Assert.That(ReadyOf(cluster, "a-1"), Is.EqualTo(NodeConditionStatus.Unknown), "a-1 stopped renewing at 12 s");
            Assert.That(ReadyOf(cluster, "a-0"), Is.EqualTo(NodeConditionStatus.True));
            Assert.That(ReadyOf(cluster, "0-new"), Is.EqualTo(NodeConditionStatus.True));
        });

        static NodeConditionStatus ReadyOf(SimulatedCluster cluster, string name) =>
            cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, name))!.Status.Ready;
    }

    [Test]
    public void A_large_partially_disrupted_zone_taints_at_the_secondary_rate()
    {
        var timings = new ClusterTimings { LargeClusterSizeThreshold = 5 };
        var cluster = ZonedCluster(["a", "b"], nodesPerZone: 6, replicas: 12, timings: timings);
        FailAt(cluster, 25, [.. NodesOf(cluster, "a").Take(4)]);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(300));

        Assert.Multiple(() =>
        {
            Assert.That(StateOf(cluster, "a"), Is.EqualTo(ZoneState.PartialDisruption));
            Assert.That(cluster.NodeLifecycleController.TaintingRate(ZoneKey("a")), Is.EqualTo(0.01));
            Assert.That(NoExecuteTaintTimes(cluster).Select(t => t.Time), Is.EqualTo(new[] { 80, 180, 280 }.Select(s => SimTime.FromSeconds(s) + Tick)));
        });
    }

    [Test]
    public void The_rates_are_configurable()
    {
        var timings = new ClusterTimings { NodeEvictionRate = 1 };
        var cluster = ZonedCluster(["a", "b"], nodesPerZone: 4, replicas: 8, timings: timings);
        FailAt(cluster, 25, NodesOf(cluster, "a"));

        cluster.Simulation.RunUntil(SimTime.FromSeconds(200));

        Assert.That(NoExecuteTaintTimes(cluster).Select(t => t.Time), Is.EqualTo(new[] { 80.1, 81.1, 82.1, 83.1 }.Select(s => SimTime.FromTicks((long)Math.Round(s * TimeSpan.TicksPerSecond)))));
    }

    private static SimulatedCluster ZonedCluster(string[] zones, int nodesPerZone, int replicas, ClusterTimings? timings = null, string? excluded = null)
    {
        var cluster = new SimulatedCluster(seed: 3, timings);
        foreach (var zone in zones)
        {
            for (var i = 0; i < nodesPerZone; i++)
            {
                var name = $"{zone}-{i}";
                var labels = new Dictionary<string, string> { [Node.ZoneLabel] = zone };
                if (name == excluded)
                {
                    labels[ZoneDisruption.ExcludeDisruptionLabel] = string.Empty;
                }

                cluster.AddNode(name, ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build(), labels);
            }
        }

        var selector = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        cluster.Client("kubectl").Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = replicas,
                Selector = selector,
                Template = new PodTemplate
                {
                    Labels = selector,
                    Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(100).Memory(64L << 20).Build())] },
                },
            },
        });
        return cluster;
    }

    private static void FailAt(SimulatedCluster cluster, int seconds, IEnumerable<string> nodes)
    {
        var list = nodes.ToList();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(seconds), () =>
        {
            foreach (var node in list)
            {
                cluster.Kubelets[node].Fail();
            }
        });
    }

    private static string[] NodesOf(SimulatedCluster cluster, string zone) =>
        [.. cluster.Kubelets.Keys.Where(n => n.StartsWith(zone + "-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string ZoneKey(string zone) => ":\0:" + zone;

    private static ZoneState StateOf(SimulatedCluster cluster, string zone) => cluster.NodeLifecycleController.ZoneStates[ZoneKey(zone)];

    private static List<(string Node, SimTime Time)> NoExecuteTaintTimes(SimulatedCluster cluster) =>
        [.. cluster.Log.Events.Where(e => e.Change.EndsWith("(NoExecute)", StringComparison.Ordinal) && e.Change.StartsWith("tainted", StringComparison.Ordinal)).Select(e => (e.Target.Name, e.Time))];
}
