using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

public class TypicalPodCounterTests
{
    // 5 pods of (4 cores, a 500 share), 3 of (8 cores, 1 GPU), 1 CPU-only of 2 cores, 1 of (1 core, 2 GPUs).
    private static List<Pod> Pods() =>
    [
        .. Enumerable.Range(0, 5).Select(i => GpuPod($"s{i}", 4000, 1, 500)),
        .. Enumerable.Range(0, 3).Select(i => GpuPod($"w{i}", 8000, 1, 1000)),
        GpuPod("c", 2000),
        GpuPod("m", 1000, 2, 1000, "G2|G3"),
    ];

    [TestCase(80)]
    [TestCase(95)]
    public void Counting_pods_one_at_a_time_gives_the_typical_pods_of_all_of_them(int threshold)
    {
        var counter = new TypicalPodCounter(threshold);
        var pods = Pods();
        for (var i = 0; i < pods.Count; i++)
        {
            counter.Add(Sim.Scheduling.Gpu.GpuPod.Of(new PodInfo(pods[i])));
            Assert.That(counter.Workload, Is.EqualTo(TypicalPods.FromPods(pods.Take(i + 1), threshold)), $"after {i + 1} pods");
        }

        Assert.Multiple(() =>
        {
            Assert.That(counter.Total, Is.EqualTo(10));
            Assert.That(counter.Shapes, Is.EqualTo(4));
        });
    }

    [Test]
    public void The_workload_is_recomputed_only_after_a_pod_was_counted()
    {
        var counter = new TypicalPodCounter();
        Assert.That(counter.Workload, Is.Empty, "no pod: no workload");
        var empty = counter.Version;

        counter.Add(Sim.Scheduling.Gpu.GpuPod.Of(new PodInfo(GpuPod("s", 4000, 1, 500))));
        var first = counter.Workload;
        var version = counter.Version;
        var again = counter.Workload;

        Assert.Multiple(() =>
        {
            Assert.That(counter.Version, Is.EqualTo(version).And.GreaterThan(empty));
            Assert.That(again, Is.EqualTo(first));
            Assert.That(first, Is.EqualTo(new[] { new TypicalPod(4000, 500, 1, string.Empty, 1) }));
        });
    }
}
