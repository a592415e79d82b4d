using Sim.Engine;
using Sim.Metrics.Replication;
using static Sim.Metrics.Tests.Replication.ReplicationFixture;

namespace Sim.Metrics.Tests.Replication;

/// <summary>Availability, deficit, incidents and pod counts of <see cref="ReplicationFixture"/>'s Deployment, by hand.</summary>
public class WorkloadLedgerTests
{
    [Test]
    public void A_node_that_recovers_within_the_toleration_costs_its_replica_from_the_crash_until_it_is_ready_again()
    {
        var (cluster, collector) = Start();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["a"].Fail);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(165), cluster.Kubelets["a"].Recover);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(610));
        var final = collector.Final();
        var web = collector.Workloads().Single();

        // Down at 65 s; back at 165 s, the pod restarts in place: sandbox 0.5 s, image cached,
        // container 0.3 s, readiness 1 s: ready at 166.8 s. One replica missing for 101.8 s.
        const double missing = 101.8;
        Assert.Multiple(() =>
        {
            Assert.That((web.Kind, web.Name, web.LifetimeSeconds), Is.EqualTo(("Deployment", "web", 600.0)));
            Assert.That(web.DeficitSeconds, Is.EqualTo(missing).Within(1e-9));
            Assert.That(web.Availability, Is.EqualTo(1 - (missing / 3 / 600)).Within(1e-12));
            Assert.That(final.Value(ReplicationMetricNames.AvailabilityMean), Is.EqualTo(web.Availability));
            Assert.That(final.Value(ReplicationMetricNames.ReplicaDeficitSeconds), Is.EqualTo(missing).Within(1e-9));
            Assert.That(final.Value(ReplicationMetricNames.NodeIncidents), Is.EqualTo(1));
            Assert.That(final.Value(ReplicationMetricNames.TimeToDetectMean), Is.EqualTo(50), "lease at 60 s, unreachable at 115 s");
            Assert.That(final.Value(ReplicationMetricNames.TimeToRecoverMean), Is.EqualTo(missing).Within(1e-9));
            Assert.That(final.Value(ReplicationMetricNames.IncidentsUnrecovered), Is.Zero);
            Assert.That(final.Value(ReplicationMetricNames.PodsLost), Is.EqualTo(1));
            Assert.That(final.Value(ReplicationMetricNames.PodsRecreated), Is.Zero);
            Assert.That(final.Value(ReplicationMetricNames.ServiceZonesMean), Is.EqualTo(3 - (51.8 / 600)).Within(0.001), "a's endpoint left at 115 s, back at 166.8 s");
        });
    }

    [Test]
    public void A_replacement_with_no_room_leaves_the_incident_unrecovered()
    {
        // a never comes back: its pod is evicted 300 s after detection (415 s) and replaced, but the
        // replacement fits on no node (b and c hold 600m of 1000m each).
        var (cluster, collector) = Start();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["a"].Fail);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1210));
        var final = collector.Final();

        Assert.Multiple(() =>
        {
            Assert.That(final.Value(ReplicationMetricNames.ReplicaDeficitSeconds), Is.EqualTo(1210 - 65).Within(1e-9));
            Assert.That(final.Value(ReplicationMetricNames.IncidentsUnrecovered), Is.EqualTo(1));
            Assert.That(final.Value(ReplicationMetricNames.TimeToRecoverMean), Is.NaN);
            Assert.That(final.Value(ReplicationMetricNames.PodsLost), Is.EqualTo(1), "counted once: on the dead node, then evicted");
            Assert.That(final.Value(ReplicationMetricNames.PodsRecreated), Is.EqualTo(1));
            Assert.That(final.Value(ReplicationMetricNames.ServiceNodesMean), Is.EqualTo(2 + (105.0 / 1200)).Within(0.001), "3 nodes from the start (10 s) until a's endpoint left at 115 s");
        });
    }

    [Test]
    public void A_partition_healed_before_detection_is_an_incident_without_a_detection()
    {
        var (cluster, collector) = Start();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(65), cluster.Kubelets["b"].Partition);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(95), cluster.Kubelets["b"].Heal);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(310));
        var final = collector.Final();

        Assert.Multiple(() =>
        {
            Assert.That(final.Value(ReplicationMetricNames.NodeIncidents), Is.EqualTo(1));
            Assert.That(final.Value(ReplicationMetricNames.TimeToDetectMean), Is.NaN);
            Assert.That(final.Value(ReplicationMetricNames.ReplicaDeficitSeconds), Is.EqualTo(30).Within(1e-9), "the replica on b serves no one else while cut off");
            Assert.That(final.Value(ReplicationMetricNames.TimeToRecoverMean), Is.EqualTo(30).Within(1e-9));
            Assert.That(final.Value(ReplicationMetricNames.PodsLost), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_container_crash_costs_the_replica_until_it_is_ready_again_but_is_no_incident()
    {
        var (cluster, collector) = Start();
        var victim = PodOn(cluster, "c");
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(30), () => cluster.Kubelets["c"].CrashContainer(victim));

        cluster.Simulation.RunUntil(SimTime.FromSeconds(130));
        var final = collector.Final();

        Assert.Multiple(() =>
        {
            // Back-off 10 s, container start 0.3 s, readiness 1 s.
            Assert.That(final.Value(ReplicationMetricNames.ReplicaDeficitSeconds), Is.EqualTo(11.3).Within(1e-9));
            Assert.That(final.Value(ReplicationMetricNames.NodeIncidents), Is.Zero);
            Assert.That(final.Value(ReplicationMetricNames.PodsLost), Is.Zero);
        });
    }

    [Test]
    public void Every_final_name_is_reported_once_in_order()
    {
        var (_, collector) = Start();

        Assert.Multiple(() =>
        {
            Assert.That(collector.Final().Select(m => m.Name), Is.EqualTo(ReplicationCollector.FinalNames));
            Assert.That(ReplicationCollector.FinalNames, Is.Unique);
            Assert.That(ReplicationCollector.FinalNames.Intersect(MetricsCollector.FinalNames), Is.Empty, "summary.csv columns after MetricsCollector's");
        });
    }
}
