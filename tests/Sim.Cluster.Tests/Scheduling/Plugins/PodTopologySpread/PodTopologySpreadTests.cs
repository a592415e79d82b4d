using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>What Sim adds around the upstream cases: copies of the cycle state, the remembered counts, allocation and a whole profile.</summary>
public class PodTopologySpreadTests
{
    private const WhenUnsatisfiable Hard = WhenUnsatisfiable.DoNotSchedule;
    private const WhenUnsatisfiable Soft = WhenUnsatisfiable.ScheduleAnyway;

    private static Node[] ZonedNodes(int zones, int perZone) =>
        [.. Enumerable.Range(0, zones * perZone).Select(i => N($"node-{i}", $"{Node.ZoneLabel}=zone{i % zones}", $"{Hostname}=node-{i}"))];

    [Test]
    public void Adding_a_pod_to_a_cloned_state_leaves_the_original_unchanged()
    {
        var pod = St.MakePod().Name("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, Foo).SpreadConstraint(1, "node", Hard, Foo).Obj();
        Node[] nodes = [N("node-a", "zone=zone1", "node=node-a"), N("node-x", "zone=zone2", "node=node-x")];
        var plugin = NewPlugin(ListDefaulting, nodes, [P("p-x1", "node-x", "foo")], null, out var snapshot);
        var state = new CycleState();
        Assert.That(plugin.PreFilter(state, new PodInfo(pod), snapshot.NodeInfos, out _).IsSuccess);

        var copy = state.Clone();
        var status = plugin.AddPod(copy, new PodInfo(pod), new PodInfo(P("p-a1", "node-a", "foo")), snapshot.Get("node-a")!);
        Assert.That(status.IsSuccess);

        var original = state.Read(TopologySpreadPlugin.PreFilterKey)!;
        var changed = copy.Read(TopologySpreadPlugin.PreFilterKey)!;
        Assert.Multiple(() =>
        {
            Assert.That(original.TpValueToMatchNum[0], Is.EqualTo(Counts(("zone1", 0), ("zone2", 1))));
            Assert.That(original.Paths[0].First, Is.EqualTo(new Sim.Scheduling.Plugins.PodTopologySpread.CriticalPath("zone1", 0)));
            Assert.That(changed.TpValueToMatchNum[0], Is.EqualTo(Counts(("zone1", 1), ("zone2", 1))));
            Assert.That(changed.Paths[0].First.MatchNum, Is.EqualTo(1));
            Assert.That(plugin.Filter(state, new PodInfo(pod), snapshot.Get("node-x")!).Code, Is.EqualTo(StatusCode.Unschedulable));
            Assert.That(plugin.Filter(copy, new PodInfo(pod), snapshot.Get("node-x")!).Code, Is.EqualTo(StatusCode.Success));
        });
    }

    [Test]
    public void Counts_follow_pods_added_and_removed_between_cycles()
    {
        var pod = St.MakePod().Name("p").Label("foo", string.Empty).SpreadConstraint(1, Node.ZoneLabel, Hard, Foo).Obj();
        var plugin = NewPlugin(ListDefaulting, ZonedNodes(2, 2), [P("p-0", "node-0", "foo")], null, out var snapshot);
        Dictionary<string, int> PreFilterCounts()
        {
            var state = new CycleState();
            Assert.That(plugin.PreFilter(state, new PodInfo(pod), snapshot.NodeInfos, out _).IsSuccess);
            return state.Read(TopologySpreadPlugin.PreFilterKey)!.TpValueToMatchNum[0];
        }

        var before = PreFilterCounts();
        snapshot.AddPod(new PodInfo(P("p-1", "node-1", "foo")), "node-1");
        snapshot.AddPod(new PodInfo(P("p-2", "node-2", "foo")), "node-2");
        var added = PreFilterCounts();
        snapshot.RemovePod(P("p-0", "node-0").Key);
        var removed = PreFilterCounts();
        snapshot.AddNode(N("node-4", $"{Hostname}=node-4"));
        snapshot.AddPod(new PodInfo(P("p-4", "node-4", "foo")), "node-4");
        var grown = PreFilterCounts();
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(Counts(("zone0", 1), ("zone1", 0))), "before");
            Assert.That(added, Is.EqualTo(Counts(("zone0", 2), ("zone1", 1))), "after adding");
            Assert.That(removed, Is.EqualTo(Counts(("zone0", 1), ("zone1", 1))), "after removing");
            Assert.That(grown, Is.EqualTo(Counts(("zone0", 1), ("zone1", 1))), "a node without the topology key does not count");
        });
    }

    [Test]
    public void An_empty_selector_counts_no_pods_as_upstream_releases_since_v1_27()
    {
        var pod = St.MakePod().Name("p").Label("foo", string.Empty).SpreadConstraint(1, "zone", Hard, string.Empty).Obj();
        Node[] nodes = [N("node-a", "zone=zone1"), N("node-x", "zone=zone2")];
        var plugin = NewPlugin(ListDefaulting, nodes, [P("p-a1", "node-a", "foo"), P("p-a2", "node-a", "foo")], null, out var snapshot);
        var state = new CycleState();
        Assert.That(plugin.PreFilter(state, new PodInfo(pod), snapshot.NodeInfos, out _).IsSuccess);
        Assert.Multiple(() =>
        {
            Assert.That(state.Read(TopologySpreadPlugin.PreFilterKey)!.TpValueToMatchNum[0], Is.EqualTo(Counts(("zone1", 0), ("zone2", 0))));
            Assert.That(plugin.Filter(state, new PodInfo(pod), snapshot.Get("node-a")!).IsSuccess);
        });
    }

    [Test]
    public void Filter_and_score_allocate_nothing_per_node()
    {
        var nodes = ZonedNodes(3, 20);
        var pods = nodes.SelectMany((n, i) => Enumerable.Range(0, i % 4).Select(j => P($"p-{i}-{j}", n.Metadata.Name, "foo", "bar"))).ToArray();
        var pod = new PodInfo(St.MakePod().Name("p").Label("foo", string.Empty).Label("bar", string.Empty)
            .SpreadConstraint(2, Node.ZoneLabel, Hard, Foo).SpreadConstraint(5, Hostname, Hard, Bar)
            .SpreadConstraint(1, Node.ZoneLabel, Soft, Foo).SpreadConstraint(1, Hostname, Soft, Bar).Obj());
        var plugin = NewPlugin(ListDefaulting, nodes, pods, null, out var snapshot);
        var state = new CycleState();
        Assert.Multiple(() =>
        {
            Assert.That(plugin.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess);
            Assert.That(plugin.PreScore(state, pod, snapshot.NodeInfos).IsSuccess);
        });
        var infos = snapshot.NodeInfos;
        var scores = new NodeScore[infos.Count];
        long Run()
        {
            long sum = 0;
            for (var i = 0; i < infos.Count; i++)
            {
                sum += (long)plugin.Filter(state, pod, infos[i]).Code;
                scores[i] = new NodeScore(infos[i].Name, plugin.Score(state, pod, infos[i]));
            }

            plugin.NormalizeScore(state, pod, scores);
            return sum;
        }

        Run(); // warm up: JIT and tiering
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void A_profile_keeps_hard_constraints_on_zones_and_nodes()
    {
        var (profile, snapshot) = Profile(ZonedNodes(3, 2));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(7).For("test"));
        for (var i = 0; i < 12; i++)
        {
            Schedule(algorithm, profile, snapshot, St.MakePod().Name($"web-{i}").Label("app", "web")
                .SpreadConstraint(1, Node.ZoneLabel, Hard, "app=web").SpreadConstraint(1, Hostname, Hard, "app=web").Obj());
        }

        Assert.That(snapshot.NodeInfos.Select(n => n.Pods.Count), Is.All.EqualTo(2));
    }

    [Test]
    public void A_profile_spreads_a_replica_sets_pods_by_the_system_defaults()
    {
        // An empty node scores at most round(ln 5 + 6) = 8 (its zone holds at most one pod), a node with
        // a pod at least round(ln 8 + ln 5 + 6) = 10: the first six pods go to six different nodes.
        var (profile, snapshot) = Profile(ZonedNodes(3, 2));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(11).For("test"));
        for (var i = 0; i < 6; i++)
        {
            Schedule(algorithm, profile, snapshot, St.MakePod().Name($"web-{i}").Label("app", "web").OwnerReference("ReplicaSet", "rs").Obj());
        }

        Assert.That(snapshot.NodeInfos.Select(n => n.Pods.Count), Is.All.EqualTo(1));
    }

    [Test]
    public void A_replica_sets_pods_share_default_constraints_with_its_selector_and_a_services_labels_are_merged_in()
    {
        var web = ReplicaSet("web", "app=web,tier in (a,b)");
        var db = ReplicaSet("db", "app=db");
        var service = Service("app=db", "role=primary");
        var plugin = NewPlugin(SystemDefaulting, ZonedNodes(2, 2), [], [web, db, service], out _);
        Pod Owned(string name, string owner, params string[] labels)
        {
            var pod = St.MakePod().Name(name).OwnerReference("ReplicaSet", owner);
            foreach (var label in labels)
            {
                var (key, value) = (label.Split('=')[0], label.Split('=')[1]);
                pod = pod.Label(key, value);
            }

            return pod.Obj();
        }

        var web1 = plugin.GetConstraints(Owned("web-1", "web", "app=web", "tier=a"), Soft)!;
        var web2 = plugin.GetConstraints(Owned("web-2", "web", "app=web", "tier=b"), Soft)!;
        var db1 = plugin.GetConstraints(Owned("db-1", "db", "app=db"), Soft)!;
        var primary = plugin.GetConstraints(Owned("db-2", "db", "app=db", "role=primary"), Soft)!;

        // The merge of no Service's labels with the ReplicaSet's selector is that selector.
        var merged = Sim.Cluster.Labels.LabelSelector.Everything.Add(web.Spec.Selector.Requirements);
        Assert.That(web1.Select(c => c.Selector), Is.All.EqualTo(merged));
        Assert.That(web1.Select(c => c.Selector.ToString()), Is.All.EqualTo("app=web,tier in (a,b)"));
        Assert.That(web2, Is.SameAs(web1), "one owner's pods share the built constraints");
        Assert.That(db1.Select(c => c.Selector.ToString()), Is.All.EqualTo("app=db"));
        Assert.That(primary.Select(c => c.Selector.ToString()), Is.All.EqualTo("app=db,app=db,role=primary"), "a Service that selects the pod adds its labels");
        Assert.That(primary, Is.Not.SameAs(db1));
        Assert.That(plugin.GetConstraints(Owned("db-3", "db", "app=db"), Soft), Is.SameAs(db1), "kept for a few selectors");
        Assert.That(plugin.GetConstraints(Owned("web-3", "web", "app=web", "tier=a"), Hard), Is.Null, "the system defaults are all ScheduleAnyway");
        Assert.That(web1.Select(c => (c.TopologyKey, c.MaxSkew)), Is.EqualTo(new[] { (Hostname, 3), (Node.ZoneLabel, 5) }));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Domains_read_from_the_node_table_with_nodes_lacking_the_zone_key_equal_those_read_from_the_nodes(int gap)
    {
        // System defaults (zone and hostname, ScheduleAnyway): nodes without a zone label add the domain ""
        // once, and each zone appears on a single node right after a run of nodes without one, so a domain
        // missed while passing over those nodes changes the zone term's weight and the scores.
        var nodes = Enumerable.Range(0, 8 * (gap + 1)).Select(i => i % (gap + 1) == gap
            ? N($"node-{i:D2}", $"{Node.ZoneLabel}=zone-{i}", $"{Hostname}=node-{i:D2}")
            : N($"node-{i:D2}", $"{Hostname}=node-{i:D2}")).ToArray();
        var pods = Enumerable.Range(0, nodes.Length).Where(i => i % 3 != 0).Select(i => P($"web-{i}", $"node-{i:D2}", "app=web")).ToArray();
        var plugin = NewPlugin(SystemDefaulting, nodes, pods, [ReplicaSet("rs", "app=web")], out var snapshot);
        var pod = new PodInfo(St.MakePod().Name("new").Label("app", "web").OwnerReference("ReplicaSet", "rs").Obj());
        // The snapshot's own list is read from its table; a copy of it, node by node.
        var list = (NodeInfo[])snapshot.NodeInfos;
        var copy = list.ToArray();
        var (fromTable, fromNodes) = (new long[list.Length], new long[list.Length]);
        var (tableState, nodeState) = (new CycleState(), new CycleState());
        Assert.That(plugin.PreScore(tableState, pod, list).IsSuccess);
        Assert.That(plugin.PreScore(nodeState, pod, copy).IsSuccess);
        plugin.ScoreNodes(tableState, pod, list, fromTable);
        plugin.ScoreNodes(nodeState, pod, copy, fromNodes);
        Assert.That(plugin.NormalizeScores(tableState, pod, list, fromTable).IsSuccess);
        Assert.That(plugin.NormalizeScores(nodeState, pod, copy, fromNodes).IsSuccess);
        Assert.That(fromTable, Is.EqualTo(fromNodes));
        Assert.That(fromNodes.Distinct().Count(), Is.GreaterThan(1), "the scores tell nodes apart");
    }

    [Test]
    public void A_third_index_whose_slots_the_nodes_do_not_keep_scores_as_the_node_by_node_path()
    {
        // A node keeps its slot for two topology indexes; a third plugin's index finds none in the node
        // table's slot column (all −1) and counts from the nodes, with the same scores.
        var nodes = Enumerable.Range(0, 12).Select(i => N($"node-{i:D2}", $"{Hostname}=node-{i:D2}")).ToArray();
        var pods = Enumerable.Range(0, 30).Select(i => P($"web-{i}", $"node-{i * 7 % 12:D2}", "app=web")).ToArray();
        var snapshot = Snapshot.Create(nodes, pods);
        var handle = new FrameworkHandle(snapshot, new ClusterLister([]));
        var plugins = Enumerable.Range(0, 3).Select(_ => new TopologySpreadPlugin(ListDefaulting, handle)).ToArray();
        var pod = new PodInfo(St.MakePod().Name("new").Label("app", "web").SpreadConstraint(1, Hostname, Soft, "app=web").Obj());
        var list = (NodeInfo[])snapshot.NodeInfos;
        var copy = list.ToArray();
        var states = plugins.Select(plugin =>
        {
            var (tableState, nodeState) = (new CycleState(), new CycleState());
            Assert.That(plugin.PreScore(tableState, pod, list).IsSuccess);
            Assert.That(plugin.PreScore(nodeState, pod, copy).IsSuccess);
            return (tableState, nodeState);
        }).ToArray();

        // The third plugin scores first, so that its index takes the table's first slot column.
        foreach (var k in new[] { 2, 1, 0 })
        {
            var (fromTable, fromNodes) = (new long[list.Length], new long[list.Length]);
            plugins[k].ScoreNodes(states[k].tableState, pod, list, fromTable);
            plugins[k].ScoreNodes(states[k].nodeState, pod, copy, fromNodes);
            Assert.That(fromTable, Is.EqualTo(fromNodes), $"plugin {k}");
            Assert.That(fromNodes.Distinct().Count(), Is.GreaterThan(1), "the scores tell nodes apart");
        }
    }

    private static (SchedulerProfile Profile, Snapshot Snapshot) Profile(Node[] nodes)
    {
        var snapshot = Snapshot.Create(nodes);
        var handle = new FrameworkHandle(snapshot, new ClusterLister([ReplicaSet("rs", "app=web")]));
        var config = new ProfileConfig
        {
            Plugins = new PluginsConfig
            {
                MultiPoint = new PluginSet
                {
                    Disabled = ["*"],
                    Enabled = [new("PrioritySort"), new(TopologySpreadPlugin.PluginName, 2), new("DefaultBinder")],
                },
            },
        };
        return (SchedulerProfile.Build(config, PluginRegistry.CreateDefault(), handle), snapshot);
    }

    private static void Schedule(SchedulingAlgorithm algorithm, SchedulerProfile profile, Snapshot snapshot, Pod pod)
    {
        var result = algorithm.Schedule(profile, new CycleState(), new PodInfo(pod), snapshot);
        Assert.That(result.SuggestedHost, Is.Not.Null, result.Status.ToString());
        snapshot.AddPod(new PodInfo(pod with { Spec = pod.Spec with { NodeName = result.SuggestedHost! } }), result.SuggestedHost!);
    }
}
