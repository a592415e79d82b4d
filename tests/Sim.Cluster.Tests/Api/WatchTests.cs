using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Api;

public class WatchTests
{
    [Test]
    public void A_latency_known_to_be_constant_delivers_exactly_when_its_delegate_would()
    {
        // Differential: the same writes (some under a latency spike, some refused by a filter) seen by a
        // watch that calls its latency delegate and by one that uses the constant it is known to return.
        var simulation = new Simulation();
        var api = new ApiServer(simulation);
        var latency = TimeSpan.FromMilliseconds(10);
        var called = new List<(string Name, SimTime At)>();
        var constant = new List<(string Name, SimTime At)>();
        var calls = 0;
        Func<TimeSpan> draw = () =>
        {
            calls++;
            return latency;
        };
        static bool Filter(WatchEvent e) => !e.Item.Metadata.Name.StartsWith("skip", StringComparison.Ordinal);
        api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => latency, Filter = Filter }, e => called.Add((e.Item.Metadata.Name, simulation.Now)));
        var watch = api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = draw, ConstantLatency = (draw, latency), Filter = Filter }, e => constant.Add((e.Item.Metadata.Name, simulation.Now)));

        var random = new RandomStreams(5).For("writes");
        for (var i = 0; i < 200; i++)
        {
            var at = SimTime.FromTicks(random.Next(1, 50_000_000));
            var name = (i % 3 == 0 ? "skip-" : "pod-") + i;
            var spike = i % 7 == 0;
            simulation.ScheduleAt(at, () =>
            {
                api.WatchLatency = spike ? new WatchLatencyAdjustment(Factor: 20) : WatchLatencyAdjustment.None;
                api.Create(TestPod.Named(name));
            });
        }

        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(constant, Is.EqualTo(called));
            Assert.That(constant, Has.Count.EqualTo(133));
            Assert.That(calls, Is.Zero, "the constant is used instead of the delegate");
            Assert.That(watch.Delivered, Is.EqualTo(133));
        });
    }

    [Test]
    public void A_constant_latency_given_for_another_delegate_is_ignored()
    {
        var simulation = new Simulation();
        var api = new ApiServer(simulation);
        var delivered = new List<SimTime>();
        Func<TimeSpan> other = () => TimeSpan.FromSeconds(5);
        var options = new WatchOptions { Kind = TestPod.KindName, Latency = other, ConstantLatency = (other, TimeSpan.FromSeconds(5)) };
        api.Watch(options with { Latency = () => TimeSpan.FromSeconds(1) }, _ => delivered.Add(simulation.Now));

        api.Create(TestPod.Named("a"));
        simulation.Run();

        Assert.That(delivered, Is.EqualTo(new[] { SimTime.FromSeconds(1) }));
    }

    [Test]
    public void Only_a_constant_delay_tells_its_value()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Delay.Constant(TimeSpan.FromMilliseconds(10)).ConstantValue, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
            Assert.That(Delay.Zero.ConstantValue, Is.EqualTo(TimeSpan.Zero));
            Assert.That(Delay.Exponential(TimeSpan.FromMilliseconds(10)).ConstantValue, Is.Null);
            Assert.That(Delay.Uniform(TimeSpan.Zero, TimeSpan.FromSeconds(1)).ConstantValue, Is.Null);
        });
    }
}
