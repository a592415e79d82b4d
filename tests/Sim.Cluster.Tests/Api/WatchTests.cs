using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Api;

public class WatchTests
{
    [Test]
    public void A_constant_latency_delivers_exactly_when_a_drawn_one_of_the_same_value_would()
    {
        // Differential: the same writes (some under a latency spike, some refused by a filter) seen by a
        // watch that calls its latency delegate and by one that uses the constant's value.
        var simulation = new Simulation();
        var api = new ApiServer(simulation);
        var latency = TimeSpan.FromMilliseconds(10);
        var drawn = new List<(string Name, SimTime At)>();
        var constant = new List<(string Name, SimTime At)>();
        static bool Filter(WatchEvent e) => !e.Item.Metadata.Name.StartsWith("skip", StringComparison.Ordinal);
        api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => latency, Filter = Filter }, e => drawn.Add((e.Item.Metadata.Name, simulation.Now)));
        var watch = api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = new ConstantLatency(latency).Draw, Filter = Filter }, e => constant.Add((e.Item.Metadata.Name, simulation.Now)));

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
            Assert.That(constant, Is.EqualTo(drawn));
            Assert.That(constant, Has.Count.EqualTo(133));
            Assert.That(watch.Delivered, Is.EqualTo(133));
        });
    }

    [Test]
    public void A_negative_constant_latency_is_refused_as_a_drawn_one_is()
    {
        var api = new ApiServer(new Simulation());
        api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = new ConstantLatency(TimeSpan.FromTicks(-1)).Draw }, _ => { });

        Assert.Throws<ArgumentOutOfRangeException>(() => api.Create(TestPod.Named("a")));
    }

    [Test]
    public void The_cluster_gives_its_watches_a_constant_latency_for_a_constant_delay_only()
    {
        var constant = new SimulatedCluster(seed: 1, timings: new ClusterTimings { WatchLatency = Delay.Constant(TimeSpan.FromMilliseconds(7)) });
        var drawn = new SimulatedCluster(seed: 1, timings: new ClusterTimings { WatchLatency = Delay.Uniform(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(9)) });

        var fixedLatency = constant.WatchOptionsFor("test", TestPod.KindName).Latency!;
        var randomLatency = drawn.WatchOptionsFor("test", TestPod.KindName).Latency!;

        Assert.Multiple(() =>
        {
            Assert.That(fixedLatency.Target, Is.InstanceOf<ConstantLatency>());
            Assert.That(fixedLatency(), Is.EqualTo(TimeSpan.FromMilliseconds(7)));
            Assert.That(randomLatency.Target, Is.Not.InstanceOf<ConstantLatency>());
            Assert.That(randomLatency(), Is.InRange(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(9)));
        });
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
