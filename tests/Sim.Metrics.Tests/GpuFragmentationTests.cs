using Sim.Cluster;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Scheduling.Gpu;
using Sim.Scheduling.Policies;
using static Sim.Metrics.Tests.TestCluster;

namespace Sim.Metrics.Tests;

/// <summary>GPU utilization of shared GPUs and the FGD fragmentation of the cluster, on small GPU clusters computed by hand.</summary>
public class GpuFragmentationTests
{
    private static readonly MetricsOptions EveryTenSeconds = new() { SampleInterval = TimeSpan.FromSeconds(10) };

    [Test]
    public void Fragmentation_is_the_sum_of_the_gpu_nodes_F_over_their_gpu_capacity()
    {
        // g1: 4 × V100, g2: 2 × T4, c1 has no GPU (not part of the GPU capacity of 6000 milli-GPU).
        var cluster = GpuCluster("gpu-packing");
        var metrics = new MetricsCollector(cluster, EveryTenSeconds);
        metrics.Start();
        cluster.RunTo(0);

        // The models pin each GPU pod to one node; gpu-packing takes the tightest device that holds a
        // share and the lowest idle devices for whole GPUs.
        Pod[] pods =
        [
            GpuObjects.CreatePod("s1", 4000, 1 * GiB, gpuCount: 1, gpuMilli: 500, gpuModels: "V100"),   // g1 device 0
            GpuObjects.CreatePod("s2", 2000, 1 * GiB, gpuCount: 1, gpuMilli: 300, gpuModels: "V100"),   // g1 device 0 (500 left: tightest)
            GpuObjects.CreatePod("w1", 8000, 1 * GiB, gpuCount: 1, gpuMilli: 1000, gpuModels: "V100"),  // g1 device 1
            GpuObjects.CreatePod("s3", 2000, 1 * GiB, gpuCount: 1, gpuMilli: 700, gpuModels: "T4"),     // g2 device 0
            GpuObjects.CreatePod("c", 12_000, 1 * GiB) with { Spec = GpuObjects.CreatePod("c", 12_000, 1 * GiB).Spec with { NodeName = "g2" } },
        ];
        var kubectl = cluster.Client("kubectl");
        for (var i = 0; i < pods.Length; i++)
        {
            kubectl.Create(pods[i]);
            cluster.RunTo(i + 1);
        }

        cluster.RunTo(30);
        var workload = TypicalPods.FromPods(pods).AsSpan();
        var g1 = Fragmentation.OfNode(32_000 - 4000 - 2000 - 8000, [200, 0, 1000, 1000], "V100", workload);
        var g2 = Fragmentation.OfNode(16_000 - 2000 - 12_000, [300, 1000], "T4", workload);
        var expected = (g1 + g2) / 6000;
        var series = Values(metrics, MetricNames.GpuFragmentedFraction);

        Assert.Multiple(() =>
        {
            Assert.That(DevicesOf(cluster, "s1", "s2", "w1", "s3"), Is.EqualTo(new[] { "g1:0", "g1:0", "g1:1", "g2:0" }), "the placements the free vectors assume");
            Assert.That(expected, Is.GreaterThan(0));
            Assert.That(series, Has.Count.EqualTo(4), "samples at 0, 10, 20 and 30 s");
            Assert.That(series[0], Is.Zero, "no pod created yet: M is empty");
            Assert.That(series.Skip(1), Has.All.EqualTo(expected).Within(1e-12));
            Assert.That(metrics.Final().Value(MetricNames.GpuFragmentedFractionMean), Is.EqualTo(series.Average()).Within(1e-12), "the mean over samples");
        });

        kubectl.Delete(KeyOf("s2"));
        cluster.RunTo(40);
        var g1WithoutS2 = Fragmentation.OfNode(32_000 - 4000 - 8000, [500, 0, 1000, 1000], "V100", workload);
        Assert.That(Values(metrics, MetricNames.GpuFragmentedFraction)[^1], Is.EqualTo((g1WithoutS2 + g2) / 6000).Within(1e-12), "s2's share is free again; M still has its shape");
    }

    [Test]
    public void Shared_gpus_count_in_gpu_utilization_in_milli_gpu()
    {
        var cluster = GpuCluster("gpu-best-fit");
        var metrics = new MetricsCollector(cluster, EveryTenSeconds);
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(GpuObjects.CreatePod("share", 1000, 1 * GiB, gpuCount: 1, gpuMilli: 250, gpuModels: "T4"));
        kubectl.Create(GpuObjects.CreatePod("whole", 1000, 1 * GiB, gpuCount: 2, gpuMilli: 1000, gpuModels: "V100"));
        cluster.RunTo(1);
        metrics.Start();
        cluster.RunTo(11);

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Final().Value(MetricNames.GpuUtilization), Is.EqualTo((250 + 2000) / 6000.0).Within(1e-12), "a quarter GPU and two whole ones of 6 GPUs");
            Assert.That(Values(metrics, MetricNames.GpuUtilization), Has.All.EqualTo((250 + 2000) / 6000.0).Within(1e-12));
        });
    }

    [Test]
    public void A_pod_asking_for_nvidia_gpus_without_annotations_takes_whole_idle_devices()
    {
        // The default profile has no GPU plugin: the pod is placed on its nvidia.com/gpu request alone.
        var cluster = Create(nodes: ("gpu-1", 8000, 32 * GiB, 2));
        var metrics = new MetricsCollector(cluster, EveryTenSeconds);
        var kubectl = cluster.Client("kubectl");
        Pod[] pods = [Pod("train", 1000, 1 * GiB, gpus: 1), Pod("web", 1000, 1 * GiB)];
        foreach (var pod in pods)
        {
            kubectl.Create(pod);
        }

        cluster.RunTo(1);
        metrics.Start();
        cluster.RunTo(1);

        // M: half whole-GPU pods (which fit on the idle device: nothing fragmented), half CPU-only pods
        // (the idle device is all fragment for them); the busy device is not free.
        var workload = new TypicalPod[] { new(1000, 1000, 1, string.Empty, 0.5), new(1000, 0, 0, string.Empty, 0.5) };
        var expected = Fragmentation.OfNode(8000 - 2000, [0, 1000], string.Empty, workload) / 2000;
        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.EqualTo(0.25).Within(1e-12));
            Assert.That(Values(metrics, MetricNames.GpuFragmentedFraction), Is.EqualTo(new[] { expected }).Within(1e-12));
            Assert.That(metrics.Final().Value(MetricNames.GpuUtilization), Is.EqualTo(0.5).Within(1e-12));
        });
    }

    [Test]
    public void A_cluster_without_gpus_has_no_fragmentation()
    {
        var cluster = Create(nodes: ("node-1", 4000, 16 * GiB, 0));
        var metrics = new MetricsCollector(cluster, EveryTenSeconds);
        metrics.Start();
        cluster.Client("kubectl").Create(Pod("a", 1000, 1 * GiB));
        cluster.RunTo(20);

        Assert.Multiple(() =>
        {
            Assert.That(Values(metrics, MetricNames.GpuFragmentedFraction), Has.Count.EqualTo(3).And.All.Zero);
            Assert.That(metrics.Final().Value(MetricNames.GpuFragmentedFractionMean), Is.Zero);
        });
    }

    [Test]
    public void The_lower_bound_counts_gpu_demand_in_milli_gpu_against_the_largest_gpu_node()
    {
        var cluster = GpuCluster("gpu-packing");
        var metrics = new MetricsCollector(cluster, EveryTenSeconds);
        var kubectl = cluster.Client("kubectl");
        for (var i = 0; i < 4; i++)
        {
            kubectl.Create(GpuObjects.CreatePod($"w{i}", 1000, 1 * GiB, gpuCount: 1, gpuMilli: 1000));
        }

        kubectl.Create(GpuObjects.CreatePod("s", 1000, 1 * GiB, gpuCount: 1, gpuMilli: 100));
        cluster.RunTo(1);
        metrics.Start();
        cluster.RunTo(1);

        Assert.That(metrics.Final().Value(MetricNames.NodesLowerBoundMean), Is.EqualTo(2), "4.1 GPUs need two of the largest node's 4 (counting whole GPUs only, one would do)");
    }

    private static SimulatedCluster GpuCluster(string policyName)
    {
        Assert.That(PolicyCatalogue.TryGet(policyName, out var policy), Is.True);
        var cluster = new SimulatedCluster(seed: 1, Instant, recordEvents: false, scheduler: policy!.Configuration(), plugins: PolicyCatalogue.CreateRegistry());
        cluster.AddNode(GpuObjects.CreateNode("g1", 32_000, 64 * GiB, gpus: 4, model: "V100"));
        cluster.AddNode(GpuObjects.CreateNode("g2", 16_000, 64 * GiB, gpus: 2, model: "T4"));
        cluster.AddNode(GpuObjects.CreateNode("c1", 8000, 64 * GiB));
        return cluster;
    }

    private static List<double> Values(MetricsCollector metrics, string name) =>
        [.. metrics.Series.Where(s => s.Metric == name).Select(s => s.Value)];

    private static string[] DevicesOf(SimulatedCluster cluster, params string[] pods) =>
        [.. pods.Select(name => cluster.Api.Get<Pod>(KeyOf(name))!)
            .Select(p => p.Spec.NodeName + ":" + p.Metadata.Annotations.GetValueOrDefault(GpuAnnotations.DeviceIndex))];
}
