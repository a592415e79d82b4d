using Sim.Cluster.Controllers;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>
/// The zone rules of the node lifecycle controller, with the cases of upstream's
/// <c>TestMonitorNodeHealth</c> (zone states) and <c>ReducedQPSFunc</c>/<c>HealthyQPSFunc</c> as counts.
/// </summary>
public class ZoneDisruptionTests
{
    private static readonly TestCaseData[] StateCases =
    [
        new TestCaseData(1, 0, ZoneState.Normal).SetName("No disruption: the one node is ready"),
        new TestCaseData(1, 1, ZoneState.Normal).SetName("One node of two down: normal"),
        new TestCaseData(0, 1, ZoneState.FullDisruption).SetName("Full disruption: every node of the zone is down"),
        new TestCaseData(0, 2, ZoneState.FullDisruption).SetName("Full disruption: both nodes down"),
        new TestCaseData(2, 3, ZoneState.PartialDisruption).SetName("Partial disruption: three of five nodes down exceed the threshold"),
        new TestCaseData(1, 3, ZoneState.PartialDisruption).SetName("Partial disruption: three of four nodes down"),
        new TestCaseData(1, 2, ZoneState.Normal).SetName("At most two nodes down is normal whatever the fraction"),
        new TestCaseData(0, 3, ZoneState.FullDisruption).SetName("Full disruption: the last healthy node of three failed"),
        new TestCaseData(9, 11, ZoneState.PartialDisruption).SetName("Exactly the threshold (11 of 20) is partial"),
        new TestCaseData(10, 10, ZoneState.Normal).SetName("Just under the threshold (10 of 20) is normal"),
        new TestCaseData(0, 0, ZoneState.Normal).SetName("An empty zone is normal"),
    ];

    [TestCaseSource(nameof(StateCases))]
    public void A_zone_state_follows_its_ready_and_not_ready_nodes(int ready, int notReady, ZoneState expected) =>
        Assert.That(ZoneDisruption.ComputeZoneState(ready, notReady, new ClusterTimings().UnhealthyZoneThreshold), Is.EqualTo(expected));

    [Test]
    public void A_lower_threshold_makes_a_zone_partially_disrupted_sooner() =>
        Assert.Multiple(() =>
        {
            Assert.That(ZoneDisruption.ComputeZoneState(7, 3, 0.3), Is.EqualTo(ZoneState.PartialDisruption));
            Assert.That(ZoneDisruption.ComputeZoneState(7, 3, 0.55), Is.EqualTo(ZoneState.Normal));
        });

    private static readonly TestCaseData[] RateCases =
    [
        new TestCaseData(ZoneState.Normal, 10, 0.1).SetName("A normal zone taints at the eviction rate"),
        new TestCaseData(ZoneState.FullDisruption, 10, 0.1).SetName("A fully disrupted zone taints at the eviction rate (HealthyQPSFunc)"),
        new TestCaseData(ZoneState.FullDisruption, 100, 0.1).SetName("A large fully disrupted zone taints at the eviction rate too"),
        new TestCaseData(ZoneState.PartialDisruption, 50, 0.0).SetName("A partially disrupted zone of 50 nodes stops tainting (ReducedQPSFunc)"),
        new TestCaseData(ZoneState.PartialDisruption, 51, 0.01).SetName("A partially disrupted zone of 51 nodes taints at the secondary rate"),
    ];

    [TestCaseSource(nameof(RateCases))]
    public void A_zone_taints_at_the_rate_of_its_state(ZoneState state, int zoneSize, double expected) =>
        Assert.That(ZoneDisruption.Rate(state, zoneSize, new ClusterTimings()), Is.EqualTo(expected));

    [Test]
    public void The_rates_follow_the_configured_flags()
    {
        var timings = new ClusterTimings { NodeEvictionRate = 1, SecondaryNodeEvictionRate = 0.5, LargeClusterSizeThreshold = 3 };

        Assert.Multiple(() =>
        {
            Assert.That(ZoneDisruption.HealthyRate(timings), Is.EqualTo(1));
            Assert.That(ZoneDisruption.ReducedRate(3, timings), Is.Zero);
            Assert.That(ZoneDisruption.ReducedRate(4, timings), Is.EqualTo(0.5));
            Assert.That(ZoneDisruption.Rate(ZoneState.Initial, 4, timings), Is.Null, "the initial state keeps the rate it has");
        });
    }

    [Test]
    public void The_defaults_are_kube_controller_managers() =>
        Assert.That(
            (new ClusterTimings().NodeEvictionRate, new ClusterTimings().SecondaryNodeEvictionRate, new ClusterTimings().UnhealthyZoneThreshold, new ClusterTimings().LargeClusterSizeThreshold),
            Is.EqualTo((0.1, 0.01, 0.55, 50)));
}
