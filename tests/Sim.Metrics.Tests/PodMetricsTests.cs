using Sim.Cluster;
using Sim.Cluster.Objects;
using static Sim.Metrics.Tests.TestCluster;

namespace Sim.Metrics.Tests;

/// <summary>Pending and unschedulable pods, latencies, preemptions and counts, from runs of the real scheduler and kubelets.</summary>
public class PodMetricsTests
{
    [Test]
    public void A_pod_that_fits_nowhere_is_pending_and_unschedulable_until_the_end()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.RunTo(20);
        cluster.Client("kubectl").Create(Pod("too-big", 8000, 1 * GiB));
        cluster.RunTo(100);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(cluster.Client("kubectl").Get<Pod>(KeyOf("too-big"))!.Status.Reason, Is.EqualTo("Unschedulable"));
            Assert.That(final.Value(MetricNames.PendingPodsMean), Is.EqualTo(0.8).Within(1e-12), "pending from 20 to 100 s");
            Assert.That(final.Value(MetricNames.PendingPodsMax), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.PendingPodsFinal), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.UnschedulablePodsMean), Is.EqualTo(0.8).Within(1e-12), "found no node at once (instant timings)");
            Assert.That(final.Value(MetricNames.UnschedulablePodsFinal), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.Zero);
            Assert.That(final.Value(MetricNames.SchedulingLatencyP50), Is.NaN, "no pod was scheduled: nothing measured");
            Assert.That(final.Value(MetricNames.NodesLowerBoundMean), Is.EqualTo(0.8 * 2).Within(1e-12), "8 CPUs need two 4-CPU nodes");
        });
    }

    [Test]
    public void Latencies_run_from_creation_to_binding_and_to_running_with_nearest_rank_percentiles()
    {
        // node-1 is cordoned until 10 s: pods created at 0, 2, 4 and 6 s are found unschedulable, and all are bound when it is uncordoned.
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        cluster.SetCordon("node-1", true);
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        foreach (var (name, at) in new[] { ("p0", 0), ("p1", 2), ("p2", 4), ("p3", 6) })
        {
            cluster.RunTo(at);
            kubectl.Create(Pod(name, 1000, 1 * GiB));
        }

        cluster.RunTo(10);
        cluster.SetCordon("node-1", false);
        cluster.RunTo(20);

        // Scheduling latencies 10, 8, 6, 4 s; startup adds the sandbox (0.5 s) and container start (0.3 s).
        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.EqualTo(4));
            Assert.That(final.Value(MetricNames.SchedulingLatencyMean), Is.EqualTo(7).Within(1e-9));
            Assert.That(final.Value(MetricNames.SchedulingLatencyP50), Is.EqualTo(6).Within(1e-9), "the 2nd of 4");
            Assert.That(final.Value(MetricNames.SchedulingLatencyP90), Is.EqualTo(10).Within(1e-9), "the ⌈3.6⌉ = 4th of 4");
            Assert.That(final.Value(MetricNames.SchedulingLatencyP99), Is.EqualTo(10).Within(1e-9));
            Assert.That(final.Value(MetricNames.StartupLatencyMean), Is.EqualTo(7.8).Within(1e-9));
            Assert.That(final.Value(MetricNames.StartupLatencyP50), Is.EqualTo(6.8).Within(1e-9));
            Assert.That(final.Value(MetricNames.StartupLatencyP99), Is.EqualTo(10.8).Within(1e-9));
            Assert.That(final.Value(MetricNames.PendingPodsMean), Is.EqualTo((10 + 8 + 6 + 4) / 20.0).Within(1e-12));
            Assert.That(final.Value(MetricNames.PendingPodsMax), Is.EqualTo(4));
            Assert.That(final.Value(MetricNames.PendingPodsFinal), Is.Zero);
            Assert.That(final.Value(MetricNames.UnschedulablePodsMean), Is.EqualTo((10 + 8 + 6 + 4) / 20.0).Within(1e-12));
            Assert.That(final.Value(MetricNames.SchedulingThroughput), Is.EqualTo(4 / 20.0).Within(1e-12));
            Assert.That(final.Value(MetricNames.NodesLowerBoundMean), Is.EqualTo(0.5).Within(1e-12), "no schedulable node to size the bound by until 10 s, then one");
            Assert.That(final.Value(MetricNames.NodesGapToLowerBoundMean), Is.Zero.Within(1e-12));
        });
    }

    [Test]
    public void With_the_default_timings_a_pod_is_bound_a_watch_and_a_round_trip_after_its_creation()
    {
        var cluster = Create(new ClusterTimings(), ("node-1", 4000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.Client("kubectl").Create(Pod("a", 1000, 1 * GiB));
        cluster.RunTo(10);

        // 10 ms watch + 5 ms bind; then 10 ms to the kubelet, 0.5 s sandbox, 0.3 s container start.
        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.SchedulingLatencyP50), Is.EqualTo(0.015).Within(1e-12));
            Assert.That(final.Value(MetricNames.StartupLatencyP50), Is.EqualTo(0.825).Within(1e-12));
            Assert.That(final.Value(MetricNames.CpuUtilization), Is.EqualTo(0.25 * (10 - 0.015) / 10).Within(1e-12));
            Assert.That(final.Value(MetricNames.PendingPodsMean), Is.EqualTo(0.015 / 10).Within(1e-12));
            Assert.That(final.Value(MetricNames.UnschedulablePodsMean), Is.Zero);
        });
    }

    [Test]
    public void A_preemption_is_counted_once_per_victim()
    {
        var cluster = Create(nodes: ("node-1", 2000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("low", 2000, 1 * GiB, priority: 0));
        cluster.RunTo(10);
        kubectl.Create(Pod("high", 2000, 1 * GiB, priority: 1000));
        cluster.RunTo(60);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(kubectl.Get<Pod>(KeyOf("low")), Is.Null, "the victim is gone");
            Assert.That(kubectl.Get<Pod>(KeyOf("high"))!.Spec.NodeName, Is.EqualTo("node-1"));
            Assert.That(final.Value(MetricNames.PodsPreempted), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.EqualTo(2));
            Assert.That(final.Value(MetricNames.PodsCreated), Is.EqualTo(2));
            Assert.That(final.Value(MetricNames.PendingPodsFinal), Is.Zero);
            Assert.That(final.Value(MetricNames.NodesInUseMax), Is.EqualTo(1));
            Assert.That(metrics.Series.Last(s => s.Metric == MetricNames.PodsPreempted).Value, Is.EqualTo(1));
        });
    }

    [Test]
    public void Terminal_pods_are_counted_and_free_their_node()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("job", 2000, 1 * GiB));
        cluster.RunTo(1);
        kubectl.Create(Pod("rejected", 8000, 1 * GiB, node: "node-1")); // bound past the scheduler: the kubelet fails it (OutOfcpu) at once
        cluster.RunTo(40);
        kubectl.Modify<Pod>(KeyOf("job"), p => p with { Status = p.Status with { Phase = PodPhase.Succeeded } }, "Succeeded");
        cluster.RunTo(80);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(kubectl.Get<Pod>(KeyOf("rejected"))!.Status.Phase, Is.EqualTo(PodPhase.Failed));
            Assert.That(final.Value(MetricNames.PodsSucceeded), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.PodsFailed), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.CpuUtilization), Is.EqualTo(0.5 * 40 / 80).Within(1e-12), "the job's 2 of 4 CPUs until it succeeded at 40 s");
            Assert.That(final.Value(MetricNames.NodesInUseMean), Is.EqualTo(0.5).Within(1e-12));
        });
    }
}
