using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// <see cref="NodeScoreMemo"/>: an entry is used only for the same memo, the same key and the same node
/// object unchanged since it was stored; everything else is a miss.
/// </summary>
public class NodeScoreMemoTests
{
    [Test]
    public void An_entry_is_used_for_the_same_key_node_and_generation()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("a").Capacity(("cpu", "4")).Obj(), St.MakeNode().Name("b").Capacity(("cpu", "4")).Obj()]);
        var (a, b) = (snapshot.Get("a")!, snapshot.Get("b")!);
        var memo = new NodeScoreMemo(NodeScoreMemo.NodeResourcesFitCell);

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
    public void A_clone_starts_empty_and_keeps_its_own_entries()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("a").Capacity(("cpu", "4")).Obj()]);
        var a = snapshot.Get("a")!;
        var memo = new NodeScoreMemo(NodeScoreMemo.NodeResourcesFitCell);
        memo.Begin([1]);
        memo.Set(a, 42);

        var clone = a.Clone();
        Assert.That(clone.Generation, Is.EqualTo(a.Generation), "the clone starts at the same generation");
        Assert.That(memo.TryGet(clone, out _), Is.False, "a clone starts empty");
        memo.Set(clone, 9);
        Assert.That(memo.TryGet(clone, out var score) && score == 9, Is.True);
        Assert.That(memo.TryGet(a, out score) && score == 42, Is.True, "storing a clone's score leaves the node's");

        clone.AddPod(St.MakePod().Name("p").Uid(1).Req(("cpu", "1")).Info());
        Assert.That(memo.TryGet(clone, out _), Is.False, "the clone changed");
        Assert.That(memo.TryGet(a, out score) && score == 42, Is.True, "the node did not");

        var loose = new NodeInfo(a.Node);
        Assert.That(memo.TryGet(loose, out _), Is.False);
        memo.Set(loose, 5);
        Assert.That(memo.TryGet(loose, out score) && score == 5, Is.True, "a node outside a snapshot keeps entries too");
        loose.SetNode(a.Node);
        Assert.That(memo.TryGet(loose, out _), Is.False, "replacing the node object empties the cells");
    }

    [Test]
    public void Memos_sharing_a_cell_never_read_each_others_entries()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("a").Capacity(("cpu", "4")).Obj()]);
        var a = snapshot.Get("a")!;
        var first = new NodeScoreMemo(NodeScoreMemo.NodeResourcesFitCell);
        var second = new NodeScoreMemo(NodeScoreMemo.NodeResourcesFitCell);
        var other = new NodeScoreMemo(NodeScoreMemo.BalancedAllocationCell);
        Assert.That(second.TryGet(a, out _), Is.False, "a memo without a key holds nothing");

        first.Begin([1]);
        second.Begin([1]);
        other.Begin([1]);
        first.Set(a, 42);
        other.Set(a, 7);
        Assert.That(second.TryGet(a, out _), Is.False, "the same key in another memo is another stamp");
        second.Set(a, 9);
        Assert.That(first.TryGet(a, out _), Is.False, "the second memo took the cell");
        Assert.That(second.TryGet(a, out var score) && score == 9, Is.True);
        Assert.That(other.TryGet(a, out score) && score == 7, Is.True, "another cell is untouched");
    }
}
