using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Experiments.Fill;
using static Sim.Experiments.Tests.Fill.FillTestObjects;

namespace Sim.Experiments.Tests.Fill;

public class FillWorkloadTests
{
    private static List<Pod> Arrivals(Pod[] workload, long capacity, FillOptions options) =>
        FillWorkload.Arrivals(workload, capacity, options, new RandomStreams(options.Seed).Child("fill"));

    private static long Total(IEnumerable<Pod> pods) => pods.Sum(p => Sim.Cluster.Gpu.GpuRequest.Of(p).TotalMilli);

    [Test]
    public void Shares_are_cloned_until_the_next_would_pass_130_percent()
    {
        // Capacity 2000, target 2600; one 500 share: 500 + 4 clones = 2500, a fifth would make 3000.
        var arrivals = Arrivals([Pod("s", 1000, 1, 500)], 2000, new FillOptions());

        Assert.That(arrivals.Select(p => p.Metadata.Name), Is.EqualTo(new[] { "s", "s-tuned-0", "s-tuned-1", "s-tuned-2", "s-tuned-3" }));
        Assert.That(Total(arrivals), Is.EqualTo(2500));
    }

    [Test]
    public void The_stop_test_adds_the_milli_gpu_per_gpu_so_multi_gpu_clones_overshoot()
    {
        // Capacity 4000, target 5200; one 2-GPU pod (2000): 2000 + 1000 ≤ 5200 → 4000; 4000 + 1000 ≤ 5200 → 6000; 6000 + 1000 > 5200.
        var arrivals = Arrivals([Pod("m", 1000, 2, 1000)], 4000, new FillOptions());

        Assert.That(arrivals, Has.Count.EqualTo(3));
        Assert.That(Total(arrivals), Is.EqualTo(6000), "150 % of the capacity");
    }

    [Test]
    public void Above_the_target_random_pods_are_dropped_until_within_it()
    {
        var workload = Enumerable.Range(0, 10).Select(i => Pod($"w{i}", 1000, 1, 1000)).ToArray();

        var arrivals = Arrivals(workload, 4000, new FillOptions { Shuffle = false });

        // 10 000 > 5200: drop whole GPUs until 5000.
        Assert.That(Total(arrivals), Is.EqualTo(5000));
        Assert.That(arrivals.Select(p => p.Metadata.Name), Is.SubsetOf(workload.Select(p => p.Metadata.Name)));
    }

    [Test]
    public void Without_a_target_and_a_shuffle_the_pods_arrive_as_given()
    {
        var workload = new[] { Pod("b", 1, 1, 100), Pod("a", 1, 1, 100) };

        Assert.That(Arrivals(workload, 1000, new FillOptions { Shuffle = false, TargetRatio = 0 }), Is.EqualTo(workload));
        Assert.That(Arrivals(workload, 1000, new FillOptions { TargetRatio = 0 }), Is.EquivalentTo(workload));
    }

    [Test]
    public void Nodes_are_renamed_with_a_permutation_prefix_and_searched_in_the_new_order()
    {
        var nodes = new[] { Node("c", 1000, 1), Node("a", 1000, 1), Node("b", 1000, 1), Node("d", 1000, 1) };

        var renamed = FillWorkload.Nodes(nodes, new FillOptions { Seed = 3 }, new RandomStreams(3).Child("fill"));
        var plain = FillWorkload.Nodes(nodes, new FillOptions { RenameNodes = false }, new RandomStreams(3).Child("fill"));

        Assert.Multiple(() =>
        {
            Assert.That(renamed.Select(r => r.Node.Metadata.Name), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(renamed.Select(r => r.Node.Metadata.Name[..4]), Is.EquivalentTo(new[] { "0000", "0001", "0002", "0003" }));
            Assert.That(renamed.Select(r => r.Node.Metadata.Name[5..]), Is.EqualTo(renamed.Select(r => r.Original)));
            Assert.That(renamed.Select(r => r.Original), Is.EquivalentTo(new[] { "a", "b", "c", "d" }));
            Assert.That(plain.Select(r => r.Node.Metadata.Name), Is.EqualTo(new[] { "c", "a", "b", "d" }));
        });
    }
}
