using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using static Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity.IpaTest;
using Plugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity;

/// <summary>Sim's own checks: raw scores before normalization, the per-node extension points allocating nothing, and Filter reading hostname counts by node row only while no two nodes share a hostname.</summary>
public class InterPodAffinityHotPathTests
{
    private static readonly Node[] Nodes =
    [
        NodeOf("a1", ("zone", "a"), ("host", "a1")),
        NodeOf("a2", ("zone", "a"), ("host", "a2")),
        NodeOf("b1", ("zone", "b"), ("host", "b1")),
        NodeOf("c1", ("host", "c1")),
    ];

    [Test]
    public void Raw_score_sums_preferred_weights_and_hard_pod_affinity_weight_per_domain()
    {
        Pod[] pods =
        [
            St.MakePod().Name("web").Node("a1").Label("app", "web").Obj(),
            St.MakePod().Name("db").Node("b1").Label("app", "db").PodAffinity("zone", "app=cache").Obj(),
        ];
        var snapshot = SnapshotOf(Nodes, pods);
        var plugin = NewPlugin(snapshot, new InterPodAffinityArgs { HardPodAffinityWeight = 7 });
        var pod = new PodInfo(St.MakePod().Label("app", "cache")
            .PreferredPodAffinity(10, "zone", "app=web")
            .PreferredPodAntiAffinity(3, "host", "app=web").Obj());
        var state = new CycleState();

        Assert.That(plugin.PreScore(state, pod, snapshot.NodeInfos).IsSuccess, Is.True);
        var raw = Nodes.Select(n => plugin.Score(state, pod, snapshot.Get(n.Metadata.Name)!)).ToArray();

        // a1: zone a +10, host a1 -3; a2: zone a +10; b1: zone b +7 (db's required term matches us); c1: nothing.
        Assert.That(raw, Is.EqualTo(new long[] { 7, 10, 7, 0 }));
    }

    [Test]
    public void Filter_and_score_allocate_nothing_per_node()
    {
        Pod[] pods =
        [
            St.MakePod().Name("web").Node("a1").Label("app", "web").PodAntiAffinity("host", "app=web").Obj(),
            St.MakePod().Name("db").Node("b1").Label("app", "db").PodAffinity("zone", "app=web").Obj(),
        ];
        var snapshot = SnapshotOf(Nodes, pods);
        var plugin = NewPlugin(snapshot, new InterPodAffinityArgs());
        var pod = new PodInfo(St.MakePod().Label("app", "web")
            .PodAffinity("zone", "app=web")
            .PodAntiAffinity("host", "app=db")
            .PreferredPodAffinity(10, "zone", "app=web").Obj());
        var state = new CycleState();
        Assert.That(plugin.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess, Is.True);
        Assert.That(plugin.PreScore(state, pod, snapshot.NodeInfos).IsSuccess, Is.True);
        var infos = snapshot.NodeInfos.ToArray();
        Run(); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejected = Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(rejected, Is.GreaterThan(0), "the setup rejects some nodes, so the rejection paths are measured too");
        Assert.That(allocated, Is.Zero);

        int Run()
        {
            var count = 0;
            for (var i = 0; i < 100; i++)
            {
                foreach (var node in infos)
                {
                    count += plugin.Filter(state, pod, node).IsSuccess ? 0 : 1;
                    _ = plugin.Score(state, pod, node);
                }
            }

            return count;
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Anti_affinity_filter_reads_counts_by_row_only_while_hostnames_are_distinct(bool shared)
    {
        // b1 carries a1's hostname when shared: then a pod on a1 is in b1's domain too.
        Node[] nodes =
        [
            NodeOf("a1", ("zone", "a"), (Node.HostnameLabel, "a1")),
            NodeOf("a2", ("zone", "a"), (Node.HostnameLabel, "a2")),
            NodeOf("b1", ("zone", "b"), (Node.HostnameLabel, shared ? "a1" : "b1")),
            NodeOf("c1", ("zone", "c")),
        ];
        Pod[] pods =
        [
            St.MakePod().Name("web").Node("a1").Label("app", "web").Obj(),
            St.MakePod().Name("guard").Node("a2").Label("app", "guard").PodAntiAffinity(Node.HostnameLabel, "app=db").Obj(),
        ];
        var snapshot = SnapshotOf(nodes, pods);
        var plugin = NewPlugin(snapshot, new InterPodAffinityArgs());
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetWindow(list, out var table, out _), Is.True);

        // Its own anti-affinity keeps a web-avoiding pod off a1's hostname; guard's keeps a db pod off a2's.
        var webAvoider = new PodInfo(St.MakePod().Name("p").Label("app", "db").PodAntiAffinity(Node.HostnameLabel, "app=web").Obj());
        var state = new CycleState();
        Assert.That(plugin.PreFilter(state, webAvoider, snapshot.NodeInfos, out _).IsSuccess, Is.True);
        var s = Plugin.ReadPreFilterState(state)!;
        Assert.That(s.AntiAffinityCounts.TryGetColumns(table!, out _) && s.ExistingAntiAffinityCounts.TryGetColumns(table!, out _), Is.EqualTo(!shared), "by row exactly when hostnames are distinct");

        var filter = list.Select(n => plugin.Filter(state, webAvoider, n)).ToArray();
        var passes = new bool[list.Length];
        Array.Fill(passes, true);
        plugin.FilterNodes(state, webAvoider, list, passes);

        var byName = list.Select((n, i) => (n.Name, Filter: filter[i], Batch: passes[i])).ToDictionary(x => x.Name);
        Assert.That(byName["a1"].Filter.Reasons, Is.EqualTo(new[] { Plugin.ErrReasonAntiAffinityRulesNotMatch }));
        Assert.That(byName["a2"].Filter.Reasons, Is.EqualTo(new[] { Plugin.ErrReasonExistingAntiAffinityRulesNotMatch }));
        Assert.That(byName["b1"].Filter.IsSuccess, Is.EqualTo(!shared), "b1 shares a1's domain when it shares its hostname");
        Assert.That(byName["c1"].Filter.IsSuccess, Is.True, "no hostname, no domain");
        Assert.That(list.Select(n => byName[n.Name].Batch), Is.EqualTo(filter.Select(f => f.IsSuccess)), "FilterNodes agrees with Filter");
    }
}
