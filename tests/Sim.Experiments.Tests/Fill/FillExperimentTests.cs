using Sim.Experiments.Fill;
using Sim.Scheduling.Gpu;
using Sim.Scheduling.Policies;
using static Sim.Experiments.Tests.Fill.FillTestObjects;

namespace Sim.Experiments.Tests.Fill;

public class FillExperimentTests
{
    private static Policy Get(string name) => PolicyCatalogue.TryGet(name, out var policy) ? policy : throw new ArgumentException(name);

    private static readonly FillOptions AsGiven = new() { Shuffle = false, TargetRatio = 0, RenameNodes = false };

    [Test]
    public void Gpu_packing_places_a_tiny_workload_exactly_and_the_metrics_follow()
    {
        // a: 8 cores, 1 GPU; b: 16 cores, 2 GPUs. Capacity 3000 milli-GPU.
        Sim.Cluster.Objects.Node[] nodes = [Node("a", 8000, 1), Node("b", 16_000, 2)];
        Sim.Cluster.Objects.Pod[] pods =
        [
            Pod("p1", 1000, 1, 600), Pod("p2", 1000, 1, 300), Pod("p3", 1000, 1, 1000), Pod("p4", 1000, 2, 1000), Pod("p5", 10_000),
        ];

        var result = FillExperiment.Run(nodes, pods, Get("gpu-packing"), AsGiven);

        // p1: a idle max(33 − 1, 1) = 32 beats b's 31. p2: a's device with 400 free, 100 − 4 = 96. p3: only b has an idle GPU.
        // p4: no node has two idle GPUs. p5: 10 cores fit only b. Typical pods: all five shapes, 0.2 each.
        // Fragmentation: at first a = 0.2 × (1000 + 1000) (CPU-only and 2-GPU tasks), b = 0.2 × 2000 (CPU-only);
        // after p1, a = 0.2 × 4 × 400; after p2, a = 0.2 × 5 × 100; after p3, b = 0.2 × (1000 + 1000); after p5 b's CPU task lacks CPU, still 1000.
        Assert.Multiple(() =>
        {
            Assert.That(result.CapacityGpuMilli, Is.EqualTo(3000));
            Assert.That(result.TypicalPods.Select(t => t.Probability), Is.All.EqualTo(0.2));
            Assert.That(result.Arrivals.Select(a => (a.Pod, a.Node, a.Devices)), Is.EqualTo(new (string, string?, string)[]
            {
                ("p1", "a", "0"), ("p2", "a", "0"), ("p3", "b", "0"), ("p4", null, string.Empty), ("p5", "b", string.Empty),
            }));
            Assert.That(result.Arrivals.Select(a => (a.ArrivedGpuMilli, a.UsedGpuMilli, a.FailedPods)), Is.EqualTo(new[]
            {
                (600L, 600L, 0), (900L, 900L, 0), (1900L, 1900L, 0), (3900L, 1900L, 1), (3900L, 1900L, 1),
            }));
            Assert.That(result.Arrivals.Select(a => a.FragmentedGpuMilli), Is.EqualTo(new[] { 720.0, 500.0, 500.0, 500.0, 500.0 }).Within(1e-9));

            // Buckets: 600/3000 → 20, 900 → 30, 1900 → 63.3 → 63, 3900 → 130 (two arrivals); empty buckets take ±1.
            Assert.That(result.Buckets.Select(b => b.ArrivedPct), Is.EqualTo(new[] { 19, 20, 21, 29, 30, 31, 62, 63, 64, 129, 130 }));
            var full = result.At(130)!;
            Assert.That(full.Arrivals, Is.EqualTo(2));
            Assert.That(full.ArrivedGpuMilli, Is.EqualTo(3900));
            Assert.That(full.AllocatedPct, Is.EqualTo(1900.0 / 3000 * 100).Within(1e-12));
            Assert.That(full.UnallocatedPct, Is.EqualTo(100 - (1900.0 / 3000 * 100)).Within(1e-12));
            Assert.That(full.FragmentedPct, Is.EqualTo(500.0 / 3000 * 100).Within(1e-9));
            Assert.That(full.FailedPods, Is.EqualTo(1));
            Assert.That(result.At(21)!.UsedGpuMilli, Is.EqualTo(600));
            Assert.That(result.At(25), Is.Null);
            Assert.That(result.Series().Count(), Is.EqualTo(11 * 6));
            Assert.That(result.Series().First(), Is.EqualTo((19, "arrived_gpu_milli", 600.0)));
        });
    }

    [Test]
    public void Fgd_gets_the_typical_pods_and_stacks_the_second_share_whatever_the_seed()
    {
        // Two 1-GPU nodes; two 500 shares then a whole GPU. M = {500 share: 2/3, 1 GPU: 1/3}. The second share:
        // on the first's device F goes from 1/3 × 500 to 0 (score ⌊100 σ(0.167)⌋ = 54), on the idle node from 0 to 166.7 (45).
        Sim.Cluster.Objects.Node[] nodes = [Node("a", 8000, 1), Node("b", 8000, 1)];
        Sim.Cluster.Objects.Pod[] pods = [Pod("p1", 1000, 1, 500), Pod("p2", 1000, 1, 500), Pod("p3", 1000, 1, 1000)];

        for (ulong seed = 1; seed <= 6; seed++)
        {
            var result = FillExperiment.Run(nodes, pods, Get("fgd"), AsGiven with { Seed = seed });

            Assert.That(result.TypicalPods, Is.EqualTo(new[] { new TypicalPod(1000, 500, 1, string.Empty, 2.0 / 3), new TypicalPod(1000, 1000, 1, string.Empty, 1.0 / 3) }));
            Assert.That(result.Arrivals[1].Node, Is.EqualTo(result.Arrivals[0].Node), $"seed {seed}");
            Assert.That(result.Final!.FailedPods, Is.Zero, $"seed {seed}");
            Assert.That(result.Final.UsedGpuMilli, Is.EqualTo(2000));
            Assert.That(result.Final.FragmentedGpuMilli, Is.Zero);
        }
    }

    [Test]
    public void A_run_is_reproducible_from_its_seed_and_seeds_differ()
    {
        var nodes = Enumerable.Range(0, 12).Select(i => Node($"n{i:D2}", 32_000, 1 + (i % 4), i % 3 == 0 ? "T4" : "G2")).ToArray();
        var pods = Enumerable.Range(0, 30).Select(i => Pod($"p{i:D2}", 1000 + (i % 5 * 1000), 1, i % 3 == 0 ? 1000 : 250 + (i % 4 * 100))).ToArray();

        var first = FillExperiment.Run(nodes, pods, Get("fgd-random"), new FillOptions { Seed = 7 });
        var again = FillExperiment.Run(nodes, pods, Get("fgd-random"), new FillOptions { Seed = 7 });
        var other = FillExperiment.Run(nodes, pods, Get("fgd-random"), new FillOptions { Seed = 8 });

        Assert.Multiple(() =>
        {
            Assert.That(again.Arrivals, Is.EqualTo(first.Arrivals));
            Assert.That(again.Buckets, Is.EqualTo(first.Buckets));
            Assert.That(again.NodeOrder, Is.EqualTo(first.NodeOrder));
            Assert.That(other.Arrivals.Select(a => a.Pod), Is.Not.EqualTo(first.Arrivals.Select(a => a.Pod)), "another shuffle");
            Assert.That(other.NodeOrder, Is.Not.EqualTo(first.NodeOrder), "another node order");
            Assert.That(first.NodeOrder, Is.EquivalentTo(nodes.Select(n => n.Metadata.Name)));
            Assert.That(first.Arrivals.Take(30).Select(a => a.Pod), Is.EquivalentTo(pods.Select(p => p.Metadata.Name)), "the originals come first, in some order");
            Assert.That(first.Arrivals.Skip(30).Select(a => a.Pod), Has.All.Match("^p[0-9]{2}-tuned-[0-9]+$"));
            Assert.That(first.Buckets.Max(b => b.ArrivedPct), Is.InRange(125, 130));
        });
    }

    [Test]
    public void Ties_go_to_the_first_best_node_in_search_order_when_asked_and_spread_otherwise()
    {
        // Packing scores CPU-only pods 0 everywhere: every feasible node ties.
        Sim.Cluster.Objects.Node[] nodes = [Node("b", 8000, 1), Node("a", 8000, 1), Node("c", 8000, 1)];
        var pods = Enumerable.Range(0, 6).Select(i => Pod($"c{i}", 1000)).ToArray();

        var first = FillExperiment.Run(nodes, pods, Get("gpu-packing"), AsGiven with { TieBreaking = FillTieBreaking.FirstInSearchOrder });
        var renamed = FillExperiment.Run(nodes, pods, Get("gpu-packing"), AsGiven with { TieBreaking = FillTieBreaking.FirstInSearchOrder, RenameNodes = true, Seed = 5 });
        var spread = Enumerable.Range(1, 20).SelectMany(seed => FillExperiment.Run(nodes, pods, Get("gpu-packing"), AsGiven with { Seed = (ulong)seed }).Arrivals.Select(a => a.Node)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.Arrivals.Select(a => a.Node), Is.All.EqualTo("b"), "the first node as given");
            Assert.That(renamed.Arrivals.Select(a => a.Node), Is.All.EqualTo(renamed.NodeOrder[0]), "the first node of the renamed order");
            Assert.That(spread.Distinct(), Is.EquivalentTo(new[] { "a", "b", "c" }), "uniform ties reach every node");
        });
    }

    [Test]
    public void Invalid_runs_are_refused()
    {
        Assert.That(() => FillExperiment.Run([Node("a", 1000, 1), Node("a", 1000, 1)], [], Get("fgd")), Throws.ArgumentException.With.Message.Contains("two nodes are named \"a\""));
        Assert.That(() => FillExperiment.Run([Node("a", 1000, 1)], [Pod("p", 1), Pod("p", 2)], Get("fgd")), Throws.ArgumentException.With.Message.Contains("two pods are named \"default/p\""));
        Assert.That(
            () => FillExperiment.Run([Node("a", 1000, 1)], [], new Sim.Scheduling.SchedulerConfiguration { Profiles = [new(), new() { SchedulerName = "x" }] }, PolicyCatalogue.CreateRegistry()),
            Throws.ArgumentException.With.Message.Contains("one profile, got 2"));
    }
}
