using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;
using DotProductPlugin = Sim.Scheduling.Plugins.DotProduct.DotProduct;
using WorstFitPlugin = Sim.Scheduling.Plugins.WorstFit.WorstFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DotProduct;

/// <summary>
/// DotProduct (Tetris alignment) on two nodes with the same total free share but opposite shapes:
/// <c>cpu-free</c> has 3 of 4 cores and 4 of 16 GiB free, <c>mem-free</c> 1 core and 12 GiB. Scores are
/// computed by hand from <c>Σ_r share(request_r) × share(free_r) / 10⁶</c>.
/// </summary>
public class DotProductTests
{
    private static Snapshot Shapes() => Snapshot.Create(
        [NodeOf("cpu-free"), NodeOf("mem-free")],
        [Bound("a", "cpu-free", ("cpu", "1"), ("memory", "12Gi")), Bound("b", "mem-free", ("cpu", "3"), ("memory", "4Gi"))]);

    [Test]
    public void A_cpu_heavy_pod_aligns_with_the_node_whose_cpu_is_free()
    {
        // Request shares: cpu 1/4 = 250,000, memory 1/16 = 62,500.
        var scores = Scores(new DotProductPlugin(), Shapes(), Pending("p", ("cpu", "1"), ("memory", "1Gi")));

        Assert.Multiple(() =>
        {
            // 250,000 × 750,000 / 10⁶ + 62,500 × 250,000 / 10⁶ = 187,500 + 15,625.
            Assert.That(scores["cpu-free"], Is.EqualTo((203_125L, 100L)));
            // 250,000 × 250,000 / 10⁶ + 62,500 × 750,000 / 10⁶ = 62,500 + 46,875.
            Assert.That(scores["mem-free"], Is.EqualTo((109_375L, 0L)));
        });
    }

    [Test]
    public void A_memory_heavy_pod_aligns_with_the_node_whose_memory_is_free()
    {
        // Request shares: cpu 250m/4 = 62,500, memory 4/16 = 250,000.
        var scores = Scores(new DotProductPlugin(), Shapes(), Pending("p", ("cpu", "250m"), ("memory", "4Gi")));

        Assert.Multiple(() =>
        {
            Assert.That(scores["mem-free"], Is.EqualTo((203_125L, 100L)));
            Assert.That(scores["cpu-free"], Is.EqualTo((109_375L, 0L)));
        });
    }

    [Test]
    public void Where_the_leftover_sums_tie_only_the_alignment_tells_the_nodes_apart()
    {
        // After the cpu-heavy pod both nodes keep 687,500 ppm in all (2/4 + 3/16 and 0/4 + 11/16).
        var pod = Pending("p", ("cpu", "1"), ("memory", "1Gi"));

        var leftover = Scores(new WorstFitPlugin(), Shapes(), pod);

        Assert.That(leftover["cpu-free"].Raw, Is.EqualTo(687_500L).And.EqualTo(leftover["mem-free"].Raw));
    }

    [Test]
    public void A_pod_without_requests_is_indifferent()
    {
        var scores = Scores(new DotProductPlugin(), Shapes(), St.MakePod().Name("p").Info());

        Assert.That(scores.Values, Is.All.EqualTo((0L, 100L)));
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        var snapshot = Snapshot.Create([NodeOf("a", gpus: 2), NodeOf("b")], [Bound("x", "a", ("cpu", "1"), ("nvidia.com/gpu", "1"))]);
        var pod = Pending("p", ("cpu", "1"), ("memory", "1Gi"), ("nvidia.com/gpu", "1"));
        var plugin = new DotProductPlugin();
        var state = new CycleState();
        long total = 0;

        var allocated = Helper.Allocations.Of(() =>
        {
            var nodes = snapshot.NodeInfos;
            for (var i = 0; i < nodes.Count; i++)
            {
                total += plugin.Score(state, pod, nodes[i]);
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(total, Is.Positive);
    }
}
