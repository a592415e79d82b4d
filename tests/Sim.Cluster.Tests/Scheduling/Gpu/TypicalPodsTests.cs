using Sim.Cluster.Objects;
using Sim.Scheduling.Gpu;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

public class TypicalPodsTests
{
    // 5 pods of (4 cores, a 500 share), 3 of (8 cores, 1 GPU), 1 CPU-only of 2 cores, 1 of (1 core, 2 GPUs).
    private static IEnumerable<Pod> Pods() =>
        Enumerable.Range(0, 5).Select(i => GpuPod($"s{i}", 4000, 1, 500))
            .Concat(Enumerable.Range(0, 3).Select(i => GpuPod($"w{i}", 8000, 1, 1000)))
            .Append(GpuPod("c", 2000))
            .Append(GpuPod("m", 1000, 2, 1000, "G2|G3"));

    [Test]
    public void The_popular_shapes_covering_the_threshold_are_kept_and_renormalized_in_upstreams_floating_point()
    {
        var typical = TypicalPods.FromPods(Pods(), popularityThreshold: 80);

        // 80 % of 10 pods = 8: the first two shapes cover 5 + 3. p = (5/10) / (8/10) and (3/10) / (8/10).
        Assert.That(typical, Is.EqualTo(new[]
        {
            new TypicalPod(4000, 500, 1, string.Empty, 0.625),
            new TypicalPod(8000, 1000, 1, string.Empty, 0.37499999999999994),
        }));
    }

    [Test]
    public void When_all_shapes_are_needed_the_probabilities_are_the_counts_over_all_pods_and_ties_go_to_the_larger_cpu()
    {
        var typical = TypicalPods.FromPods(Pods(), popularityThreshold: 95);

        Assert.That(typical, Is.EqualTo(new[]
        {
            new TypicalPod(4000, 500, 1, string.Empty, 0.5),
            new TypicalPod(8000, 1000, 1, string.Empty, 0.3),
            new TypicalPod(2000, 0, 0, string.Empty, 0.1),
            new TypicalPod(1000, 1000, 2, "G2|G3", 0.1),
        }));
    }

    [Test]
    public void A_pod_without_a_cpu_request_counts_upstreams_100m_and_no_pods_make_no_workload()
    {
        var noCpu = new Pod
        {
            Metadata = new Sim.Cluster.Api.ObjectMeta { Name = "x", Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container("c", Sim.Cluster.Resources.ResourceList.Empty)] },
        };

        Assert.That(TypicalPods.FromPods([noCpu]).Single().MilliCpu, Is.EqualTo(100));
        Assert.That(TypicalPods.FromPods([]), Is.Empty);
    }
}
