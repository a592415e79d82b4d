using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Cluster.Tests.Api;

public class WatchLatencyAdjustmentTests
{
    [Test]
    public void A_spike_multiplies_or_replaces_the_latency_of_events_written_while_it_lasts_and_never_reorders_them()
    {
        var simulation = new Simulation();
        var api = new ApiServer(simulation);
        var delivered = new List<(string Name, SimTime At)>();
        api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromMilliseconds(10) }, e => delivered.Add((e.Item.Metadata.Name, simulation.Now)));

        simulation.ScheduleAt(SimTime.FromSeconds(1), () => api.Create(TestPod.Named("normal")));
        simulation.ScheduleAt(SimTime.FromSeconds(2), () =>
        {
            api.WatchLatency = new WatchLatencyAdjustment(Factor: 50);
            api.Create(TestPod.Named("times-50"));
        });
        simulation.ScheduleAt(SimTime.FromSeconds(3), () =>
        {
            api.WatchLatency = new WatchLatencyAdjustment(Factor: 1, Fixed: TimeSpan.FromSeconds(2));
            api.Create(TestPod.Named("fixed-2s"));
        });
        simulation.ScheduleAt(SimTime.FromTicks(35_000_000), () =>
        {
            api.WatchLatency = WatchLatencyAdjustment.None;
            api.Create(TestPod.Named("after-the-spike"));
        });
        simulation.Run();

        Assert.That(delivered, Is.EqualTo(new[]
        {
            ("normal", SimTime.FromTicks(10_100_000)),
            ("times-50", SimTime.FromTicks(25_000_000)),
            ("fixed-2s", SimTime.FromSeconds(5)),
            ("after-the-spike", SimTime.FromSeconds(5)), // not before the event written earlier
        }));
    }

    [Test]
    public void A_negative_factor_or_fixed_latency_is_refused()
    {
        var api = new ApiServer(new Simulation());

        Assert.Multiple(() =>
        {
            Assert.That(() => api.WatchLatency = new WatchLatencyAdjustment(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => api.WatchLatency = new WatchLatencyAdjustment(double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => api.WatchLatency = new WatchLatencyAdjustment(1, TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(api.WatchLatency, Is.EqualTo(WatchLatencyAdjustment.None));
        });
    }
}
