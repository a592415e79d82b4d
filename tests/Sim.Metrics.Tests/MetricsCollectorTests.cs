using Sim.Cluster.Events;
using Sim.Engine;
using static Sim.Metrics.Tests.TestCluster;

namespace Sim.Metrics.Tests;

/// <summary>The collector's contract: names and their order, sampling times, starting mid-run, and measuring without changing the run.</summary>
public class MetricsCollectorTests
{
    [Test]
    public void Final_values_come_in_the_documented_column_order()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.RunTo(10);

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Final().Select(m => m.Name), Is.EqualTo(MetricsCollector.FinalNames));
            Assert.That(MetricsCollector.FinalNames, Is.Unique);
            Assert.That(MetricsCollector.SeriesNames, Is.Unique);
            Assert.That(MetricsCollector.FinalNames.Concat(MetricsCollector.SeriesNames), Has.All.Match("^[a-z0-9_]+$"));
        });
    }

    [Test]
    public void Samples_are_taken_at_the_start_and_every_interval_after()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        cluster.RunTo(5);
        var metrics = new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.FromSeconds(10) });
        metrics.Start();
        cluster.RunTo(30);

        var names = MetricsCollector.SeriesNames;
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Series.Select(s => s.TimeSeconds).Distinct(), Is.EqualTo(new[] { 5.0, 15.0, 25.0 }));
            Assert.That(metrics.Series.Select(s => s.Metric), Is.EqualTo(names.Concat(names).Concat(names)));
            Assert.That(metrics.Final().Value(MetricNames.SimulatedDuration), Is.EqualTo(25), "measured from the start, at 5 s");
        });
    }

    [Test]
    public void State_that_exists_at_the_start_counts_but_its_history_does_not()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(Pod("early", 1000, 1 * GiB));
        kubectl.Create(Pod("too-big", 8000, 1 * GiB));
        cluster.RunTo(10);
        var metrics = new MetricsCollector(cluster, new MetricsOptions());
        metrics.Start();
        cluster.RunTo(20);

        var final = metrics.Final();
        Assert.Multiple(() =>
        {
            Assert.That(final.Value(MetricNames.CpuUtilization), Is.EqualTo(0.25).Within(1e-12));
            Assert.That(final.Value(MetricNames.UnschedulablePodsMean), Is.EqualTo(1));
            Assert.That(final.Value(MetricNames.PodsCreated), Is.Zero);
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.Zero);
            Assert.That(final.Value(MetricNames.StartupLatencyP50), Is.NaN, "it was running before the start");
        });
    }

    [Test]
    public void Measuring_does_not_change_the_run()
    {
        static IReadOnlyList<ClusterEvent> Run(bool measure)
        {
            var cluster = Create(new Cluster.ClusterTimings(), ("node-1", 2000, 8 * GiB, 0), ("node-2", 4000, 8 * GiB, 0));
            if (measure)
            {
                new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.FromSeconds(1), PerNode = true }).Start();
            }

            var kubectl = cluster.Client("kubectl");
            for (var i = 0; i < 6; i++)
            {
                kubectl.Create(Pod($"p{i}", 900, 1 * GiB, priority: i));
                cluster.RunTo(i + 1);
            }

            cluster.RunTo(60);
            return cluster.Log.Events.ToList();
        }

        Assert.That(Run(measure: true), Is.EqualTo(Run(measure: false)));
    }

    [Test]
    public void A_collector_starts_once_and_reports_only_after_it_started()
    {
        var cluster = Create(nodes: ("node-1", 4000, 8 * GiB, 0));
        var metrics = new MetricsCollector(cluster, new MetricsOptions());

        Assert.That(() => metrics.Final(), Throws.InvalidOperationException);
        metrics.Start();
        Assert.Multiple(() =>
        {
            Assert.That(() => metrics.Start(), Throws.InvalidOperationException);
            Assert.That(metrics.Final().Value(MetricNames.CpuUtilization), Is.Zero, "no time elapsed: the current value");
        });
    }

    [Test]
    public void Options_out_of_range_are_refused()
    {
        var cluster = Create();
        Assert.Multiple(() =>
        {
            Assert.That(() => new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.Zero }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new MetricsCollector(cluster, new MetricsOptions { StrandingThreshold = 1.5 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new MetricsCollector(cluster, new MetricsOptions { StrandingThreshold = double.NaN }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_thousand_pods_on_a_hundred_nodes_are_measured_consistently()
    {
        var nodes = Enumerable.Range(0, 100).Select(i => ($"node-{i:D3}", 4000L, 16 * GiB, 0L)).ToArray();
        var cluster = Create(new Cluster.ClusterTimings(), nodes);
        var metrics = new MetricsCollector(cluster, new MetricsOptions { SampleInterval = TimeSpan.FromSeconds(10) });
        metrics.Start();
        var kubectl = cluster.Client("kubectl");
        for (var i = 0; i < 1000; i++)
        {
            kubectl.Create(Pod($"p{i:D4}", 500, GiB));
            if (i % 100 == 99)
            {
                cluster.Simulation.RunUntil(cluster.Simulation.Now + TimeSpan.FromSeconds(1));
            }
        }

        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));

        // 1000 half-CPU pods fill 500 of 400 CPUs: 800 are placed, 200 wait.
        var final = metrics.Final();
        var last = metrics.Series.Where(s => s.TimeSeconds == 120).ToDictionary(s => s.Metric, s => s.Value);
        Assert.Multiple(() =>
        {
            Assert.That(last[MetricNames.CpuUtilization], Is.EqualTo(1));
            Assert.That(last[MetricNames.BoundPods], Is.EqualTo(800));
            Assert.That(last[MetricNames.PendingPods], Is.EqualTo(200));
            Assert.That(last[MetricNames.UnschedulablePods], Is.EqualTo(200));
            Assert.That(last[MetricNames.NodesInUse], Is.EqualTo(100));
            Assert.That(last[MetricNames.NodesLowerBound], Is.EqualTo(125), "500 CPUs of demand in 4-CPU nodes");
            Assert.That(final.Value(MetricNames.PodsScheduled), Is.EqualTo(800));
            Assert.That(final.Value(MetricNames.PodsCreated), Is.EqualTo(1000));
        });
    }
}
