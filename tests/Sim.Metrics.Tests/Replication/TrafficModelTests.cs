using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Metrics.Replication;
using static Sim.Metrics.Tests.Replication.ReplicationFixture;

namespace Sim.Metrics.Tests.Replication;

/// <summary>
/// The success probability of a request, checked against hand computations: entry nodes are the
/// nodes the API server shows Ready, each proxy sends to a backend of its own view.
/// </summary>
public class TrafficModelTests
{
    [Test]
    public void A_healthy_service_answers_every_request()
    {
        var (cluster, collector) = Start(ratePerSecond: 50);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(610));
        var final = collector.Final();

        Assert.Multiple(() =>
        {
            Assert.That(Success(collector), Is.EqualTo(1.0));
            Assert.That(final.Value(ReplicationMetricNames.RequestSuccessRate), Is.EqualTo(1.0));
            Assert.That(final.Value(ReplicationMetricNames.RequestSuccessRateWorstWindow), Is.EqualTo(1.0));
            // Poisson(50/s × 600 s): mean 30,000, sd 173; allow 5 sd.
            Assert.That(final.Value(ReplicationMetricNames.Requests), Is.InRange(30_000 - 870, 30_000 + 870));
        });
    }

    [Test]
    public void A_crashed_node_fails_its_share_until_detected_then_the_entries_and_views_move_on()
    {
        var (cluster, collector) = Start();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["a"].Fail);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(66));
        var undetected = Success(collector);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(116));
        var detected = Success(collector);

        Assert.Multiple(() =>
        {
            // Until 115 s (lease renewed at 60 s + 50 s grace, monitor every 5 s) a is still an entry:
            // a fails everything, b and c reach 2 of their 3 backends: (0 + 2/3 + 2/3) / 3.
            Assert.That(undetected, Is.EqualTo(4.0 / 9).Within(1e-12));
            // Then b and c are the entries and their views hold only b and c.
            Assert.That(detected, Is.EqualTo(1.0));
        });
    }

    [Test]
    public void Stale_proxy_views_keep_sending_to_a_crashed_container_until_they_learn()
    {
        // With every watch 5 s late, the endpoints controller learns of the crash after 5 s and the
        // proxies 5 s after that: for 10 s every proxy still sends a third of its requests to it.
        var (cluster, collector) = Start();
        var victim = PodOn(cluster, "b");
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(30), () =>
        {
            cluster.Api.WatchLatency = new WatchLatencyAdjustment(1, TimeSpan.FromSeconds(5));
            cluster.Kubelets["b"].CrashContainer(victim);
        });
        var seen = new List<double>();
        foreach (var t in new[] { 31, 39, 41, 60 })
        {
            cluster.Simulation.RunUntil(SimTime.FromSeconds(t));
            seen.Add(Success(collector));
        }

        cluster.Simulation.RunUntil(SimTime.FromSeconds(70));
        var window = collector.Series.Single(s => s.TimeSeconds == 70 && s.Metric == ReplicationMetricNames.WindowSuccessRate).Value;

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 2.0 / 3, 2.0 / 3, 1.0, 1.0 }).Within(1e-12));
            // Exposure lost: 10 s × 1/3 of the 60 s window; 6,000 requests: sd of the rate ≈ 0.003.
            Assert.That(window, Is.EqualTo(1 - (10.0 / 3 / 60)).Within(0.015));
        });
    }

    [Test]
    public void A_partitioned_node_answers_only_itself_and_no_one_reaches_it()
    {
        var (cluster, collector) = Start();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(30), cluster.Kubelets["a"].Partition);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(31));

        // a (still an entry) reaches only its own backend: 1/3; b and c reach theirs but not a's: 2/3 each.
        Assert.That(Success(collector), Is.EqualTo(5.0 / 9).Within(1e-12));
    }

    [Test]
    public void The_collector_changes_no_write_of_a_run()
    {
        string Log(bool measured)
        {
            var (cluster, _) = Start(collect: measured);
            cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["a"].Fail);
            cluster.Simulation.ScheduleAt(SimTime.FromSeconds(500), cluster.Kubelets["a"].Recover);
            cluster.Simulation.RunUntil(SimTime.FromSeconds(700));
            using var writer = new StringWriter();
            cluster.Log.WriteJsonLines(writer);
            return writer.ToString();
        }

        var without = Log(measured: false);
        var with = Log(measured: true);

        Assert.That(with, Is.EqualTo(without));
    }

    [Test]
    public void Draws_depend_only_on_the_seed()
    {
        double[] Run()
        {
            var (cluster, collector) = Start();
            cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["a"].Fail);
            cluster.Simulation.RunUntil(SimTime.FromSeconds(400));
            return [.. collector.Final().Select(m => m.Value)];
        }

        var first = Run();
        var second = Run();

        Assert.That(second, Is.EqualTo(first));
    }
}
