using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// <see cref="NodeTable"/>: rows are handed out only for a window of the snapshot's current list, and
/// every row holds its node's free totals, whatever happened to the node or the list.
/// </summary>
public class NodeTableTests
{
    [Test]
    public void Rows_are_handed_out_for_windows_of_the_current_list_only()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 6).Select(i => St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, $"z{i % 2}").Capacity(("cpu", "4"), ("pods", "10")).Obj()));
        var list = (NodeInfo[])snapshot.NodeInfos;

        Assert.That(NodeTable.TryGetRows(list, out var rows) && rows.Length == 6, Is.True, "the whole list");
        Assert.That(NodeTable.TryGetRows(list.AsSpan(2, 3), out rows) && rows.Length == 3, Is.True, "a window");
        Assert.That(NodeTable.TryGetRows(list.AsSpan(5, 1), out _), Is.True, "the last node alone");
        Assert.That(NodeTable.TryGetRows(list.AsSpan(3, 0), out _), Is.False, "an empty window");
        Assert.That(NodeTable.TryGetRows(list.ToArray(), out _), Is.False, "a copy holds the same nodes in other memory");
        Assert.That(NodeTable.TryGetRows(list.AsSpan(1, 3).ToArray(), out _), Is.False, "a copy of a window");
        Assert.That(NodeTable.TryGetRows(new[] { list[2], list[3] }, out _), Is.False, "the same nodes in another array");
        Assert.That(NodeTable.TryGetRows(new[] { list[0].Clone() }, out _), Is.False, "a clone has no row");

        snapshot.AddNode(St.MakeNode().Name("n6").Label(Node.ZoneLabel, "z0").Capacity(("cpu", "4"), ("pods", "10")).Obj());
        Assert.That(NodeTable.TryGetRows(list, out _), Is.False, "a list the snapshot has replaced");
        var current = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(current, Is.Not.SameAs(list));
        Assert.That(NodeTable.TryGetRows(current, out rows) && rows.Length == 7, Is.True);

        var removed = current[3];
        snapshot.RemoveNode(removed.Name);
        Assert.That(removed.Table, Is.Null, "a removed node leaves its table");
        Assert.That(NodeTable.TryGetRows(current, out _), Is.False);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Every_row_holds_its_nodes_free_totals_and_a_change_empties_its_memo_cells(int seed)
    {
        var random = new RandomStreams((ulong)seed).For("rows");
        var snapshot = Snapshot.Create(Enumerable.Range(0, 40).Select(i => RandomNode(random, $"n{i}")));
        var memo = new NodeScoreMemo(NodeScoreMemo.NodeResourcesFitCell);
        var placed = new List<PodInfo>();
        for (var step = 0; step < 400; step++)
        {
            var nodes = snapshot.NodeInfos;
            memo.Begin([step % 3]);
            var scored = nodes[random.Next(nodes.Count)];
            memo.Set(scored, step);
            switch (random.Next(5))
            {
                case 0 or 1:
                    var pod = St.MakePod().Name($"p{step}").Uid(step + 1).Node(scored.Name)
                        .Req(("cpu", $"{random.Next(900)}m"), ("memory", $"{random.Next(900)}Mi"), ("ephemeral-storage", $"{random.Next(3)}Gi")).Info();
                    snapshot.AddPod(pod, scored.Name);
                    placed.Add(pod);
                    Assert.That(memo.TryGet(scored, out _), Is.False, "a pod added empties the cells");
                    break;
                case 2 when placed.Count != 0:
                    var gone = placed[random.Next(placed.Count)];
                    placed.Remove(gone);
                    var host = snapshot.Get(gone.Pod.Spec.NodeName)!;
                    memo.Set(host, step);
                    snapshot.RemovePod(gone.Pod.Key);
                    Assert.That(memo.TryGet(host, out _), Is.False, "a pod removed empties the cells");
                    break;
                case 3:
                    // The node object replaced, sometimes into another zone (the list changes).
                    snapshot.UpdateNode(RandomNode(random, scored.Name));
                    Assert.That(memo.TryGet(scored, out _), Is.False, "a node update empties the cells");
                    break;
                case 4 when nodes.Count > 10:
                    var removed = nodes[random.Next(nodes.Count)];
                    placed.RemoveAll(p => p.Pod.Spec.NodeName == removed.Name);
                    snapshot.RemoveNode(removed.Name);
                    snapshot.AddNode(RandomNode(random, $"new-{step}"));
                    break;
                default:
                    Assert.That(memo.TryGet(scored, out var value) && value == step, Is.True, "an unchanged node keeps its entry");
                    break;
            }

            var list = (NodeInfo[])snapshot.NodeInfos;
            Assert.That(NodeTable.TryGetRows(list, out var rows), Is.True);
            for (var i = 0; i < list.Length; i++)
            {
                var node = list[i];
                var row = rows[i];
                Assert.That(
                    (row.FreeMilliCpu, row.FreeMemory, row.FreeEphemeralStorage, row.FreePods),
                    Is.EqualTo((node.AllocatableMilliCpu - node.RequestedMilliCpu, node.AllocatableMemory - node.RequestedMemory, node.AllocatableEphemeralStorage - node.RequestedEphemeralStorage, node.AllowedPodNumber - node.PodCount)),
                    $"row of {node.Name} at step {step}");
            }
        }

        Assert.That(placed, Is.Not.Empty);
    }

    private static Node RandomNode(SimRandom random, string name) =>
        St.MakeNode().Name(name).Label(Node.ZoneLabel, $"z{random.Next(3)}")
            .Capacity(("cpu", $"{1 + random.Next(8)}"), ("memory", $"{1 + random.Next(8)}Gi"), ("ephemeral-storage", $"{random.Next(20)}Gi"), ("pods", $"{1 + random.Next(30)}")).Obj();
}
