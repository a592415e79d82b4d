using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// <see cref="NodeScoreMemo"/>: an entry is used only for the same key, the same node object and the
/// same node generation; everything else is a miss.
/// </summary>
public class NodeScoreMemoTests
{
    [Test]
    public void An_entry_is_used_for_the_same_key_node_and_generation()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("a").Capacity(("cpu", "4")).Obj(), St.MakeNode().Name("b").Capacity(("cpu", "4")).Obj()]);
        var (a, b) = (snapshot.Get("a")!, snapshot.Get("b")!);
        var memo = new NodeScoreMemo();

        Assert.That(memo.Begin([100, 200]), Is.False, "a first key holds nothing");
        memo.Set(a, 42);
        Assert.That(memo.TryGet(a, out var score), Is.True);
        Assert.That(score, Is.EqualTo(42));
        Assert.That(memo.TryGet(b, out _), Is.False, "a node never scored");

        Assert.That(memo.Begin([100, 200]), Is.True, "the same key keeps the entries");
        Assert.That(memo.TryGet(a, out score) && score == 42, Is.True);

        snapshot.AddPod(St.MakePod().Name("p").Uid(1).Node("a").Req(("cpu", "1")).Info(), "a");
        Assert.That(memo.TryGet(a, out _), Is.False, "the node changed since it was scored");
        memo.Set(a, 7);
        Assert.That(memo.TryGet(a, out score) && score == 7, Is.True);

        Assert.That(memo.Begin([100, 201]), Is.False, "another key forgets every entry");
        Assert.That(memo.TryGet(a, out _), Is.False);
        Assert.That(memo.Begin([100, 200]), Is.False, "and the old key's entries are gone too");
    }

    [Test]
    public void A_clone_a_node_outside_a_snapshot_and_a_node_in_a_reused_slot_are_misses()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("a").Capacity(("cpu", "4")).Obj()]);
        var a = snapshot.Get("a")!;
        var memo = new NodeScoreMemo();
        memo.Begin([1]);
        memo.Set(a, 42);

        var clone = a.Clone();
        Assert.That(clone.Generation, Is.EqualTo(a.Generation), "the clone starts at the same generation");
        Assert.That(memo.TryGet(clone, out _), Is.False);
        memo.Set(clone, 9);
        Assert.That(memo.TryGet(a, out var score) && score == 42, Is.True, "storing a clone's score leaves the node's");

        var loose = new NodeInfo(a.Node);
        memo.Set(loose, 5);
        Assert.That(memo.TryGet(loose, out _), Is.False, "a node outside a snapshot is not remembered");

        snapshot.RemoveNode("a");
        var replacement = snapshot.AddNode(St.MakeNode().Name("z").Capacity(("cpu", "4")).Obj());
        Assert.That(replacement.Slot, Is.EqualTo(0), "the new node takes the freed slot");
        Assert.That(replacement.Generation, Is.EqualTo(a.Generation));
        Assert.That(memo.TryGet(replacement, out _), Is.False, "another node in the slot");
    }
}
