using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The batch filter over the node table's rows (one vector compare per row) against Filter node by node, on
/// the edges of the comparisons: requests of zero (which fit even an overcommitted node, as upstream skips
/// them), exactly the free amount, one unit more, full and overcommitted nodes, and the last pod slot.
/// </summary>
public class RowFilterTests
{
    [Test]
    public void The_row_filter_agrees_with_Filter_on_every_edge_of_the_comparisons()
    {
        // Nodes of 4 cpu, 8 GiB, 10 GiB storage and 3 pod slots; some overcommitted (more requested than
        // allocatable, as after a shrink of allocatable), one with its last slot taken.
        (string Cpu, string Memory, string Storage, int Pods)[] loads =
        [
            ("0", "0", "0", 0),
            ("1", "2Gi", "1Gi", 1),
            ("4", "8Gi", "10Gi", 1),
            ("5", "9Gi", "11Gi", 2),
            ("3999m", "8191Mi", "0", 2),
            ("1", "1Gi", "0", 3),
        ];
        var nodes = loads.Select((_, i) => St.MakeNode().Name($"n{i}").Capacity(("cpu", "4"), ("memory", "8Gi"), ("ephemeral-storage", "10Gi"), ("pods", "3")).Obj()).ToList();
        var pods = loads.SelectMany((load, i) => Enumerable.Range(0, load.Pods).Select(k => k == 0
            ? St.MakePod().Name($"e{i}-{k}").Node($"n{i}").Req(("cpu", load.Cpu), ("memory", load.Memory), ("ephemeral-storage", load.Storage)).Obj()
            : St.MakePod().Name($"e{i}-{k}").Node($"n{i}").Obj()));
        var snapshot = Snapshot.Create(nodes, pods);
        var list = (NodeInfo[])snapshot.NodeInfos;
        Assert.That(NodeTable.TryGetRows(list, out _), Is.True);
        string[] amounts = ["0", "1m", "1", "4", "4001m"];
        string[] memories = ["0", "1", "1Gi", "8Gi", "9Gi"];
        string[] storages = ["0", "1Gi", "10Gi", "11Gi"];
        var fit = new Fit(new NodeResourcesFitArgs());
        var checkedPods = 0;
        foreach (var cpu in amounts)
        {
            foreach (var memory in memories)
            {
                foreach (var storage in storages)
                {
                    var pod = new PodInfo(St.MakePod().Name("p").Req(("cpu", cpu), ("memory", memory), ("ephemeral-storage", storage)).Obj());
                    var state = new CycleState();
                    Assert.That(fit.PreFilter(state, pod, list, out _).IsSuccess, Is.True);
                    var passes = Enumerable.Repeat(true, list.Length).ToArray();
                    fit.FilterNodes(state, pod, list, passes);
                    var expected = list.Select(n => fit.Filter(state, pod, n).IsSuccess).ToArray();
                    Assert.That(passes, Is.EqualTo(expected), $"cpu {cpu}, memory {memory}, storage {storage}");
                    checkedPods++;
                }
            }
        }

        Assert.That(checkedPods, Is.EqualTo(amounts.Length * memories.Length * storages.Length));
    }
}
