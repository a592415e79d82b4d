using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// <see cref="NodeTable"/>: rows are handed out only for a window of the snapshot's current list (or of
/// the list laid out twice), every row holds its node's free totals, whatever happened to the node or the
/// list, and the label and index-slot columns follow the nodes.
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

    [Test]
    public void A_window_that_wraps_past_the_lists_end_is_a_window_of_the_ring_with_rows_and_columns_to_match()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 6).Select(i => St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, "z0").Label("rack", $"r{i % 2}").Capacity(("cpu", $"{i + 1}"), ("pods", "10")).Obj()));
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetRingWindow(list, 4, 4, out var ring), Is.True);
        Assert.That(ring, Is.EqualTo(list.Concat(list)), "the list twice over");
        Assert.That(NodeTable.TryGetRingWindow(list.ToArray(), 4, 4, out _), Is.False, "a copy of the list has no ring");
        Assert.That(NodeTable.TryGetRingWindow(list, 4, 7, out _), Is.False, "longer than the list");

        var window = ring.AsSpan(4, 4);
        Assert.That(NodeTable.TryGetWindow(window, out var table, out var start) && start == 4, Is.True);
        Assert.That(NodeTable.TryGetWindow(ring.AsSpan(7, 3), out _, out var other) && other == 7, Is.True, "a window of the second half");
        Assert.That(NodeTable.TryGetWindow(list.AsSpan(1, 3), out _, out other) && other == 1, Is.True, "a window of the list");
        Assert.That(NodeTable.TryGetWindow(window.ToArray(), out _, out _), Is.False, "a copy of a ring window");

        // Rows and columns read the same through either half; a change writes both of a node's rows.
        var racks = table!.Labels("rack")!;
        var pod = St.MakePod().Name("p").Uid(1).Node(list[0].Name).Req(("cpu", "500m")).Info();
        snapshot.AddPod(pod, list[0].Name);
        snapshot.UpdateNode(St.MakeNode().Name(list[1].Name).Label(Node.ZoneLabel, "z0").Label("rack", "r9").Capacity(("cpu", "2"), ("pods", "10")).Obj());
        Assert.That(table.Current, Is.True);
        Assert.That(NodeTable.TryGetRows(window, out var rows), Is.True);
        for (var i = 0; i < window.Length; i++)
        {
            var node = window[i];
            Assert.That(rows[i].FreeMilliCpu, Is.EqualTo(node.AllocatableMilliCpu - node.RequestedMilliCpu), $"row of {node.Name}");
            var id = racks.Ids[start + i];
            Assert.That(racks.Values[id], Is.EqualTo(node.Node.Metadata.Labels["rack"]), $"rack of {node.Name}");
        }

        Assert.That(racks.Values[racks.Ids[list[1].TableIndex + list.Length]], Is.EqualTo("r9"), "a relabelled node's value in the second half");
        Assert.That(racks.Values[racks.Ids[list[1].TableIndex]], Is.EqualTo("r9"), "and in the first");
    }

    [Test]
    public void Label_columns_follow_node_updates_and_are_kept_for_a_few_keys()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 5).Select(i => St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, "z0").Label("rack", $"r{i % 2}").Capacity(("cpu", "4"), ("pods", "10")).Obj()));
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetWindow(list, out var table, out _), Is.True);
        var racks = table!.Labels("rack")!;
        var missing = table.Labels("example.com/none")!;
        Assert.That(table.Labels("rack"), Is.SameAs(racks), "one column per key");
        Assert.That(missing.Ids.Take(5), Is.All.EqualTo(-1), "no node has the label");

        // Relabelled (same zone, so the list stays): the column changes with it; a label taken off reads −1.
        var target = list[2];
        snapshot.UpdateNode(St.MakeNode().Name(target.Name).Label(Node.ZoneLabel, "z0").Label("rack", "r7").Label("example.com/none", "").Capacity(("cpu", "4"), ("pods", "10")).Obj());
        Assert.That(table.Current, Is.True, "a relabelling within the zone keeps the list");
        Assert.That(racks.Values[racks.Ids[target.TableIndex]], Is.EqualTo("r7"));
        Assert.That(missing.Values[missing.Ids[target.TableIndex]], Is.EqualTo(string.Empty), "an empty value is a value");
        snapshot.UpdateNode(St.MakeNode().Name(target.Name).Label(Node.ZoneLabel, "z0").Capacity(("cpu", "4"), ("pods", "10")).Obj());
        Assert.That(racks.Ids[target.TableIndex], Is.EqualTo(-1));
        Assert.That(racks.Ids[target.TableIndex + list.Length], Is.EqualTo(-1));

        for (var k = 2; k < NodeTable.MaxLabelColumns; k++)
        {
            Assert.That(table.Labels($"key-{k}"), Is.Not.Null);
        }

        Assert.That(table.Labels("one-too-many"), Is.Null, "beyond the last column the caller reads the nodes");
        Assert.That(table.Labels("rack"), Is.SameAs(racks));
    }

    [Test]
    public void A_label_column_knows_whether_two_nodes_share_a_value()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 4).Select(i => St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, "z0").Label(Node.HostnameLabel, $"n{i}").Label("rack", $"r{i % 2}").Capacity(("cpu", "4"), ("pods", "10")).Obj()));
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetWindow(list, out var table, out _), Is.True);
        var hosts = table!.Labels(Node.HostnameLabel)!;
        Assert.That(hosts.AllDistinct, Is.True);
        Assert.That(table.Labels("rack")!.AllDistinct, Is.False, "two racks over four nodes");
        Assert.That(table.Labels("example.com/none")!.AllDistinct, Is.True, "nodes without the label share nothing");

        Node Relabelled(int i, string? host)
        {
            var node = St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, "z0").Label("rack", $"r{i % 2}").Capacity(("cpu", "4"), ("pods", "10"));
            return (host is null ? node.With(n => n with { Metadata = n.Metadata with { Labels = n.Metadata.Labels.Remove(Node.HostnameLabel) } }) : node.Label(Node.HostnameLabel, host)).Obj();
        }

        // n3 takes n1's hostname, then another, then n1 drops its label while n3 holds n1's value again.
        snapshot.UpdateNode(Relabelled(3, "n1"));
        Assert.That(table.Current && !hosts.AllDistinct, Is.True, "two nodes with one hostname");
        snapshot.UpdateNode(Relabelled(3, "n9"));
        Assert.That(hosts.AllDistinct, Is.True, "the shared value is held by one node again");
        snapshot.UpdateNode(Relabelled(3, "n1"));
        Assert.That(hosts.AllDistinct, Is.False);
        snapshot.UpdateNode(Relabelled(1, null));
        Assert.That(hosts.AllDistinct, Is.True, "the other holder lost the label");
        snapshot.UpdateNode(Relabelled(1, "n1"));
        snapshot.UpdateNode(Relabelled(2, "n1"));
        snapshot.UpdateNode(Relabelled(3, "n3"));
        Assert.That(hosts.AllDistinct, Is.False, "three holders, then two");
        snapshot.UpdateNode(Relabelled(2, "n2"));
        Assert.That(hosts.AllDistinct, Is.True);
    }

    [Test]
    public void Index_slot_columns_follow_the_slots_the_indexes_note_in_the_nodes()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 4).Select(i => St.MakeNode().Name($"n{i}").Capacity(("cpu", "4"), ("pods", "10")).Obj()));
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetWindow(list, out var table, out _), Is.True);
        object first = new(), second = new(), third = new();
        list[1].NoteIndexSlot(first, 7);
        var slots = table!.IndexSlots(first)!;
        Assert.That(slots, Is.EqualTo(new[] { -1, 7, -1, -1, -1, 7, -1, -1 }), "built from the nodes' notes, twice over");

        list[2].NoteIndexSlot(first, 3);
        list[1].ForgetIndexSlot(first);
        Assert.That(slots, Is.EqualTo(new[] { -1, -1, 3, -1, -1, -1, 3, -1 }), "kept in step as slots are noted and forgotten");

        list[0].NoteIndexSlot(second, 5);
        Assert.That(table.IndexSlots(second), Is.EqualTo(new[] { 5, -1, -1, -1, 5, -1, -1, -1 }));
        Assert.That(table.IndexSlots(third), Is.Null, "two indexes are kept, as in the nodes");
        list[3].NoteIndexSlot(second, 1);
        list[3].NoteIndexSlot(first, 2);
        list[3].NoteIndexSlot(third, 9);
        Assert.That(list[3].TryGetIndexSlot(third, out _), Is.False, "a node notes two indexes");
        Assert.That(table.IndexSlots(first)![3], Is.EqualTo(2));
        Assert.That(table.IndexSlots(second)![7], Is.EqualTo(1));
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
            Assert.That(NodeTable.TryGetRingWindow(list, 0, list.Length, out var ring), Is.True);
            Assert.That(NodeTable.TryGetRows(ring, out var rows), Is.True);
            for (var i = 0; i < list.Length; i++)
            {
                var node = list[i];
                var row = rows[i];
                Assert.That(
                    (row.FreeMilliCpu, row.FreeMemory, row.FreeEphemeralStorage, row.FreePods),
                    Is.EqualTo((node.AllocatableMilliCpu - node.RequestedMilliCpu, node.AllocatableMemory - node.RequestedMemory, node.AllocatableEphemeralStorage - node.RequestedEphemeralStorage, node.AllowedPodNumber - node.PodCount)),
                    $"row of {node.Name} at step {step}");
                var second = rows[i + list.Length];
                Assert.That(
                    (second.FreeMilliCpu, second.FreeMemory, second.FreeEphemeralStorage, second.FreePods, second.Memo[0], second.Memo[1]),
                    Is.EqualTo((row.FreeMilliCpu, row.FreeMemory, row.FreeEphemeralStorage, row.FreePods, row.Memo[0], row.Memo[1])),
                    $"second row of {node.Name} at step {step}");
            }
        }

        Assert.That(placed, Is.Not.Empty);
    }

    private static Node RandomNode(SimRandom random, string name) =>
        St.MakeNode().Name(name).Label(Node.ZoneLabel, $"z{random.Next(3)}")
            .Capacity(("cpu", $"{1 + random.Next(8)}"), ("memory", $"{1 + random.Next(8)}Gi"), ("ephemeral-storage", $"{random.Next(20)}Gi"), ("pods", $"{1 + random.Next(30)}")).Obj();
}
