using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using Sim.Scheduling.Plugins.TopologyIndex;
using AffinityPlugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.TopologyIndex;

/// <summary>The topology index's own contract: counts that follow the snapshot, a fresh start on another snapshot, views valid within their cycle.</summary>
public class PodTopologyIndexTests
{
    private static readonly DomainSpec Zone = DomainSpec.Of(Node.ZoneLabel);

    [Test]
    public void The_slot_a_node_carries_for_an_index_is_the_indexs_own_through_node_changes_and_rebinding()
    {
        // Indexes note a node's slot in the node (two at most) and read it there before their dictionary.
        var snapshot = Snapshot.Create([ZoneNode("a", "z1"), ZoneNode("b", "z1"), ZoneNode("c", "z2")]);
        var indexes = Enumerable.Range(0, 3).Select(_ => new PodTopologyIndex(trackTerms: false)).ToArray();
        foreach (var index in indexes)
        {
            index.Bind(snapshot);
        }

        // Each index's slots: one per node it holds, the same whether read from the node or not, and the
        // counts per node (read through the slot) right.
        void Check(string when)
        {
            foreach (var index in indexes)
            {
                var slots = snapshot.NodeInfos.Select(index.SlotOf).ToArray();
                Assert.That(slots, Is.Unique.And.All.GreaterThanOrEqualTo(0), when);
                Assert.That(slots.Order(), Is.EqualTo(index.Nodes().Select(n => n.Slot).Order()), when);
                var matching = index.Matching(PodMatcher.ForSpread("default", LabelSelector.Parse("app=web")));
                Assert.That(snapshot.NodeInfos.Select(matching.CountOn), Is.EqualTo(snapshot.NodeInfos.Select(n => n.Pods.Count(p => p.Pod.Metadata.Labels.GetValueOrDefault("app") == "web"))), when);
            }
        }

        Check("at first");
        Assert.That(snapshot.NodeInfos.Select(n => n.TryGetIndexSlot(indexes[2], out _)), Has.All.False, "a third index is not noted in the node");

        snapshot.AddPod(Web("p1", "b"), "b");
        snapshot.RemoveNode("a");
        snapshot.AddNode(ZoneNode("d", "z2"));
        snapshot.AddPod(Web("p2", "d"), "d");
        Check("after a node left and another took its slot");

        var other = Snapshot.Create([ZoneNode("x", "z1")]);
        var b = snapshot.Get("b")!;
        indexes[0].Bind(other);
        Assert.That(indexes[0].SlotOf(b), Is.EqualTo(-1), "an index bound to another snapshot holds none of the old nodes");
        Assert.That(b.TryGetIndexSlot(indexes[0], out _), Is.False);
        Assert.That(indexes[0].SlotOf(other.Get("x")!), Is.EqualTo(0));
        Assert.That(indexes[1].SlotOf(b), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Counts_follow_pods_added_removed_and_nodes_relabelled()
    {
        var snapshot = Snapshot.Create([ZoneNode("a", "z1"), ZoneNode("b", "z1"), ZoneNode("c", "z2")]);
        var index = new PodTopologyIndex(trackTerms: false);
        index.Bind(snapshot);
        var matching = index.Matching(PodMatcher.ForSpread("default", LabelSelector.Parse("app=web")));
        var perZone = matching.Domains(Zone);
        Assert.That(perZone, Is.Empty);

        snapshot.AddPod(Web("p1", "a"), "a");
        snapshot.AddPod(Web("p2", "b"), "b");
        snapshot.AddPod(Web("p3", "c"), "c");
        snapshot.AddPod(new PodInfo(St.MakePod().Name("other").Node("c").Label("app", "db").Obj()), "c");
        Assert.That(perZone, Is.EquivalentTo(new Dictionary<string, long> { ["z1"] = 2, ["z2"] = 1 }));

        snapshot.RemovePod(new Sim.Cluster.Api.ObjectKey(Pod.KindName, "default", "p1"));
        snapshot.UpdateNode(ZoneNode("c", "z3"));
        Assert.That(perZone, Is.EquivalentTo(new Dictionary<string, long> { ["z1"] = 1, ["z3"] = 1 }));
        Assert.That(index.Census(DomainSpec.Of(Node.ZoneLabel, [Node.ZoneLabel])), Is.EquivalentTo(new Dictionary<string, int> { ["z1"] = 2, ["z3"] = 1 }));

        snapshot.RemoveNode("b");
        Assert.That(perZone, Is.EquivalentTo(new Dictionary<string, long> { ["z3"] = 1 }));
        Assert.That(matching.CountOn(snapshot.Get("c")!), Is.EqualTo(1));
    }

    [Test]
    public void A_plugin_whose_handle_gets_another_snapshot_counts_that_one()
    {
        var first = Snapshot.Create([ZoneNode("a", "z1")], [Repelling("p1", "a")]);
        var handle = new FrameworkHandle(first);
        var plugin = new AffinityPlugin(new InterPodAffinityArgs(), handle);
        var pod = new PodInfo(St.MakePod().Name("new").Label("app", "web").Obj());
        Assert.That(plugin.PreFilter(new CycleState(), pod, first.NodeInfos, out _).IsSuccess, Is.True, "the placed pod repels the new one");

        var second = Snapshot.Create([ZoneNode("a", "z1")]);
        handle.Snapshot = second;
        Assert.That(plugin.PreFilter(new CycleState(), pod, second.NodeInfos, out _).IsSkip, Is.True, "nothing repels it in the other snapshot");

        first.AddPod(new PodInfo(Repelling("p2", "a")), "a");
        Assert.That(plugin.PreFilter(new CycleState(), pod, second.NodeInfos, out _).IsSkip, Is.True, "the first snapshot's changes are not counted any more");
    }

    [Test]
    public void A_prefilter_view_read_after_the_snapshot_changed_throws()
    {
        var snapshot = Snapshot.Create([ZoneNode("a", "z1")], [Repelling("p1", "a")]);
        var plugin = new AffinityPlugin(new InterPodAffinityArgs(), new FrameworkHandle(snapshot));
        var state = new CycleState();
        var pod = new PodInfo(St.MakePod().Name("new").Label("app", "web").Obj());
        plugin.PreFilter(state, pod, snapshot.NodeInfos, out _);
        Assert.That(plugin.Filter(state, pod, snapshot.Get("a")!).Code, Is.EqualTo(StatusCode.Unschedulable));

        snapshot.AddPod(new PodInfo(St.MakePod().Name("p2").Node("a").Obj()), "a");
        Assert.Throws<InvalidOperationException>(() => plugin.Filter(state, pod, snapshot.Get("a")!));
    }

    private static Node ZoneNode(string name, string zone) => St.MakeNode().Name(name).Label(Node.ZoneLabel, zone).Obj();

    private static PodInfo Web(string name, string node) => new(St.MakePod().Name(name).Node(node).Label("app", "web").Obj());

    private static Pod Repelling(string name, string node) => St.MakePod().Name(name).Node(node).PodAntiAffinity(Node.ZoneLabel, "app=web").Obj();
}
