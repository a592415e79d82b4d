using static Sim.Metrics.Tests.TestCluster;

namespace Sim.Metrics.Tests;

/// <summary>Utilization, nodes in use, imbalance, stranding and the lower bound, on tiny clusters computed by hand.</summary>
public class PlacementMetricsTests
{
    [Test]
    public void A_one_cpu_pod_on_a_four_cpu_node_for_half_the_run_is_an_eighth_of_the_cpu()
    {
        var cluster = Create(nodes: ("node-1", 4000, 16 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 1000, 1 * GiB));

        cluster.RunTo(50);
        kubectl.Delete(KeyOf("a"));
        cluster.RunTo(100);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.CpuUtilization), Is.EqualTo(0.125).Within(1e-12), "1/4 of the CPU for 50 of 100 s");
            Assert.That(final.Value(MetricNames.MemoryUtilization), Is.EqualTo(1.0 / 16 / 2).Within(1e-12));
            Assert.That(final.Value(MetricNames.GpuUtilization), Is.Zero, "no node has GPUs: the column is still there, 0");
            Assert.That(final.Value(MetricNames.NodesInUseMean), Is.EqualTo(0.5).Within(1e-12));
            Assert.That(final.Value(MetricNames.NodesInUseMax), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.SimulatedDuration), Is.EqualTo(100));
        });
    }

    [Test]
    public void Gpu_utilization_counts_whole_gpus_of_nodes_that_have_them()
    {
        var cluster = Create(nodes: [("gpu-1", 8000, 32 * GiB, 4), ("cpu-1", 8000, 32 * GiB, 0)]);
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.Client("kubectl").Create(Pod("train", 1000, 1 * GiB, gpus: 1));
        cluster.RunTo(10);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.GpuUtilization), Is.EqualTo(0.25).Within(1e-12), "1 of the cluster's 4 GPUs");
            Assert.That(final.Value(MetricNames.CpuUtilization), Is.EqualTo(1.0 / 16).Within(1e-12), "1 of 16 CPUs");
        });
    }

    [Test]
    public void A_cordoned_node_leaves_the_capacity_but_its_pods_stay_in_use()
    {
        var cluster = Create(nodes: [("node-1", 4000, 8 * GiB, 0), ("node-2", 4000, 8 * GiB, 0)]);
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 2000, 1 * GiB, node: "node-1"));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();

        cluster.RunTo(50);
        cluster.SetCordon("node-2", true);
        cluster.RunTo(100);
        var afterCordon = metrics.Final();
        cluster.SetCordon("node-1", true);
        cluster.RunTo(200);

        Assert.Multiple(() =>
        {
            Assert.That(afterCordon.Value(MetricNames.CpuUtilization), Is.EqualTo((0.25 * 50 + 0.5 * 50) / 100).Within(1e-12), "2 of 8 CPUs, then 2 of 4");
            Assert.That(metrics.Final().Value(MetricNames.CpuUtilization), Is.EqualTo((0.25 * 50 + 0.5 * 50) / 200).Within(1e-12), "no capacity left: 0");
            Assert.That(metrics.Final().Value(MetricNames.NodesInUseMean), Is.EqualTo(1), "node-1 keeps its pod whatever its state");
        });
    }

    [Test]
    public void Nodes_in_use_is_the_time_weighted_count_of_nodes_with_a_placed_pod()
    {
        var cluster = Create(nodes: [("node-1", 4000, 8 * GiB, 0), ("node-2", 4000, 8 * GiB, 0), ("node-3", 4000, 8 * GiB, 0)]);
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 500, GiB, node: "node-1"));
        kubectl.Create(Pod("b", 500, GiB, node: "node-1"));
        kubectl.Create(Pod("c", 500, GiB, node: "node-2"));

        cluster.RunTo(30);
        kubectl.Delete(KeyOf("c"));
        kubectl.Delete(KeyOf("a"));
        cluster.RunTo(60);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.NodesInUseMean), Is.EqualTo((2 * 30 + 1 * 30) / 60.0).Within(1e-12));
            Assert.That(final.Value(MetricNames.NodesInUseMax), Is.EqualTo(2));
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.Zero, "pods created bound were never scheduled");
            Assert.That(final.Value(MetricNames.PodsCreated), Is.EqualTo(3));
        });
    }

    [Test]
    public void Imbalance_is_the_spread_of_node_utilization_averaged_over_the_samples()
    {
        var cluster = Create(nodes: [("node-1", 4000, 8 * GiB, 0), ("node-2", 4000, 8 * GiB, 0)]);
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 2000, 2 * GiB, node: "node-1"));
        var metrics = new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.FromSeconds(10) });
        metrics.Start();

        cluster.RunTo(15);
        kubectl.Delete(KeyOf("a"));
        cluster.RunTo(25);

        // Samples at 0 and 10 s: utilizations (0.5, 0) for CPU and (0.25, 0) for memory; at 20 s: all 0.
        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.CpuImbalanceStddev), Is.EqualTo((0.25 + 0.25 + 0) / 3).Within(1e-12));
            Assert.That(final.Value(MetricNames.CpuImbalanceRange), Is.EqualTo((0.5 + 0.5 + 0) / 3).Within(1e-12));
            Assert.That(final.Value(MetricNames.MemoryImbalanceStddev), Is.EqualTo((0.125 + 0.125 + 0) / 3).Within(1e-12));
            Assert.That(final.Value(MetricNames.MemoryImbalanceRange), Is.EqualTo((0.25 + 0.25 + 0) / 3).Within(1e-12));
        });
    }

    [Test]
    public void Free_cpu_on_a_node_short_of_memory_is_stranded()
    {
        var cluster = Create(nodes: [("node-1", 4000, 8 * GiB, 0), ("node-2", 4000, 8 * GiB, 0)]);
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        // 0.5 GiB of memory left on node-1, below 10% of 8 GiB: its 3 free CPUs are stranded.
        cluster.Client("kubectl").Create(Pod("memory-hog", 1000, 15 * GiB / 2, node: "node-1"));
        cluster.RunTo(10);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.CpuStrandedFraction), Is.EqualTo(3.0 / 8).Within(1e-12), "3 of the cluster's 8 CPUs");
            Assert.That(final.Value(MetricNames.MemoryStrandedFraction), Is.Zero, "3 free CPUs are above 10% of 4");
        });
    }

    [Test]
    public void Free_memory_on_a_node_short_of_cpu_is_stranded_under_the_chosen_threshold()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("cpu-hog", 3500, 1 * GiB, node: "node-1"));
        var strict = new MetricsCollector(cluster, new MetricsOptions());
        var loose = new MetricsCollector(cluster, new MetricsOptions { StrandingThreshold = 0.2 });
        strict.Start();
        loose.Start();
        cluster.RunTo(10);

        Assert.Multiple(() =>
        {
            Assert.That(strict.Final().Value(MetricNames.MemoryStrandedFraction), Is.Zero, "0.5 free CPU is not below 10% of 4 (0.4)");
            Assert.That(loose.Final().Value(MetricNames.MemoryStrandedFraction), Is.EqualTo(7.0 / 8).Within(1e-12), "0.5 free CPU is below 20% of 4: 7 of 8 GiB stranded");
        });
    }

    [Test]
    public void The_lower_bound_packs_the_demand_of_placed_and_pending_pods_into_the_largest_nodes()
    {
        var cluster = Create(nodes: [("wide", 4000, 8 * GiB, 0), ("tall", 2000, 32 * GiB, 0)]);
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 3000, 4 * GiB, node: "wide"));
        kubectl.Create(Pod("b", 1000, 20 * GiB, node: "tall"));
        kubectl.Create(Pod("huge", 5000, 1 * GiB)); // fits nowhere: pending, still demand
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.RunTo(10);

        // CPU: ⌈(3 + 1 + 5) / 4⌉ = 3; memory: ⌈25 GiB / 32 GiB⌉ = 1; so 3 nodes, while 2 are in use.
        var final = metrics.Final();
        var atStart = metrics.Series.Where(s => s.TimeSeconds == 0).ToDictionary(s => s.Metric, s => s.Value);
        Assert.Multiple(() =>
        {
            Assert.That(atStart[MetricNames.NodesLowerBound], Is.EqualTo(3));
            Assert.That(atStart[MetricNames.NodesInUse], Is.EqualTo(2));
            Assert.That(final.Value(MetricNames.NodesLowerBoundMean), Is.EqualTo(3));
            Assert.That(final.Value(MetricNames.NodesGapToLowerBoundMean), Is.EqualTo(-1), "negative while pods wait");
        });
    }

    [Test]
    public void Per_node_utilization_is_reported_when_asked_for()
    {
        var cluster = Create(nodes: [("node-b", 4000, 8 * GiB, 0), ("node-a", 2000, 8 * GiB, 0)]);
        var metrics = new MetricsCollector(cluster, new MetricsOptions { PerNode = true, SampleInterval = TimeSpan.FromSeconds(100) });
        var clusterWide = new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.FromSeconds(100) });
        metrics.Start();
        clusterWide.Start();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("a", 1000, 2 * GiB, node: "node-a"));
        cluster.RunTo(50);
        kubectl.Delete(KeyOf("a"));
        cluster.RunTo(99);

        var nodes = metrics.NodeFinal().ToDictionary(m => m.Name, m => m.Value);
        Assert.Multiple(() =>
        {
            Assert.That(metrics.NodeFinal().Select(m => m.Name), Is.EqualTo(new[]
            {
                "cpu_utilization/node-a", "memory_utilization/node-a", "gpu_utilization/node-a",
                "cpu_utilization/node-b", "memory_utilization/node-b", "gpu_utilization/node-b",
            }));
            Assert.That(nodes["cpu_utilization/node-a"], Is.EqualTo(0.5 * 50 / 99).Within(1e-12), "half of node-a's CPU for 50 of 99 s");
            Assert.That(nodes["memory_utilization/node-a"], Is.EqualTo(0.25 * 50 / 99).Within(1e-12));
            Assert.That(nodes["cpu_utilization/node-b"], Is.Zero);
            Assert.That(metrics.Series.Where(s => s.TimeSeconds == 0 && s.Metric.Contains('/', StringComparison.Ordinal)).Select(s => (s.Metric, s.Value)), Is.EqualTo(new[]
            {
                ("cpu_utilization/node-a", 0.5), ("memory_utilization/node-a", 0.25), ("gpu_utilization/node-a", 0.0),
                ("cpu_utilization/node-b", 0.0), ("memory_utilization/node-b", 0.0), ("gpu_utilization/node-b", 0.0),
            }));
            Assert.That(clusterWide.NodeFinal(), Is.Empty, "not asked for");
            Assert.That(clusterWide.Series.Select(s => s.Metric), Is.EqualTo(MetricsCollector.SeriesNames));
        });
    }
}
