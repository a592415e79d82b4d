using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Api;

/// <summary>
/// A write's deliveries due at the same instant run as one engine batch: these check that they run
/// exactly as one event per delivery would.
/// </summary>
public class WatchDeliveriesTests
{
    private Simulation _simulation = null!;
    private ApiServer _api = null!;
    private List<string> _seen = null!;

    [SetUp]
    public void CreateServer()
    {
        _simulation = new Simulation();
        _api = new ApiServer(_simulation);
        _seen = [];
    }

    [Test]
    public void Deliveries_due_together_keep_their_place_against_events_scheduled_between_the_writes()
    {
        for (var i = 0; i < 3; i++)
        {
            var name = $"w{i}";
            _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, e => _seen.Add($"{name} {e.Item.Metadata.Name}"));
        }

        _api.Create(TestPod.Named("a"));
        _simulation.ScheduleAt(SimTime.FromSeconds(1), () => _seen.Add("between"));
        _api.Create(TestPod.Named("b"));
        _simulation.ScheduleAt(SimTime.FromSeconds(1), () => _seen.Add("after"));
        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(_seen, Is.EqualTo(new[] { "w0 a", "w1 a", "w2 a", "between", "w0 b", "w1 b", "w2 b", "after" }));
            Assert.That(_simulation.EventsExecuted, Is.EqualTo(8));
        });
    }

    [TestCase(3, 1)]  // fits the batch's first array: kept for reuse
    [TestCase(16, 1)] // grown to 16: still kept
    [TestCase(17, 0)] // grown past 16: not kept, so the pool never holds a large fan-out's array
    public void A_delivered_batch_goes_back_to_the_pool_unless_it_grew_large(int watches, int pooled)
    {
        var deliveries = new WatchDeliveries(_simulation);
        var delivered = 0;
        var watchEvent = new WatchEvent(WatchEventType.Added, TestPod.Named("a"));
        for (var i = 0; i < watches; i++)
        {
            var watch = _api.Watch(new WatchOptions { Kind = TestPod.KindName }, _ => delivered++);
            deliveries.Add(watch, watchEvent, SimTime.FromSeconds(1).Ticks);
        }

        deliveries.Flush();
        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.EqualTo(watches));
            Assert.That(deliveries.PooledCount, Is.EqualTo(pooled));
        });
    }

    [Test]
    public void A_handler_that_stops_the_run_leaves_the_other_deliveries_for_the_next_run()
    {
        _api.Watch(new WatchOptions { Kind = TestPod.KindName }, e =>
        {
            _seen.Add($"stopper {e.Item.Metadata.Name}");
            _simulation.ScheduleAfter(TimeSpan.Zero, () => _seen.Add("echo"));
            _simulation.Stop();
        });
        _api.Watch(new WatchOptions { Kind = TestPod.KindName }, e => _seen.Add($"second {e.Item.Metadata.Name}"));
        _api.Watch(new WatchOptions { Kind = TestPod.KindName }, e => _seen.Add($"third {e.Item.Metadata.Name}"));
        _api.Create(TestPod.Named("a"));

        var first = _simulation.Run();
        var afterStop = _seen.ToArray();
        var pending = _simulation.PendingCount;
        var second = _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(StopReason.StopRequested));
            Assert.That(afterStop, Is.EqualTo(new[] { "stopper a" }));
            Assert.That(pending, Is.EqualTo(3), "two deliveries and the echo");
            Assert.That(second, Is.EqualTo(StopReason.Idle));
            Assert.That(_seen, Is.EqualTo(new[] { "stopper a", "second a", "third a", "echo" }));
        });
    }

    [Test]
    public void Watches_with_different_latencies_deliver_each_at_its_own_time_in_write_order()
    {
        var random = new RandomStreams(3).For("latency");
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromMilliseconds(10) }, e => Record("fixed", e));
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => random.Exponential(TimeSpan.FromMilliseconds(10)) }, e => Record("random", e));
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromMilliseconds(10) }, e => Record("fixed too", e));
        for (var i = 0; i < 20; i++)
        {
            _api.Create(TestPod.Named($"p{i:D2}"));
        }

        _simulation.Run();

        var fixedOrder = _seen.Where(s => !s.StartsWith("random", StringComparison.Ordinal)).ToList();
        var expectedFixed = Enumerable.Range(0, 20).SelectMany(i => new[] { $"fixed p{i:D2} at 10", $"fixed too p{i:D2} at 10" });
        var randomOrder = _seen.Where(s => s.StartsWith("random", StringComparison.Ordinal)).Select(s => s.Split(' ')[1]);
        Assert.Multiple(() =>
        {
            Assert.That(fixedOrder, Is.EqualTo(expectedFixed), "the fixed watches' deliveries of one write are adjacent, writes in order");
            Assert.That(randomOrder, Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"p{i:D2}")), "a random latency never reorders one watch's events");
            Assert.That(_simulation.EventsExecuted, Is.EqualTo(60));
        });
    }

    [Test]
    public void A_watch_stopped_by_a_handler_between_its_deliveries_gets_none_of_the_rest()
    {
        Watch? second = null;
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, e =>
        {
            _seen.Add($"first {e.Item.Metadata.Name}");
            if (e.Item.Metadata.Name == "b")
            {
                second!.Stop();
            }
        });
        second = _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, e => _seen.Add($"second {e.Item.Metadata.Name}"));
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, e => _seen.Add($"third {e.Item.Metadata.Name}"));
        foreach (var name in new[] { "a", "b", "c" })
        {
            _api.Create(TestPod.Named(name));
        }

        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(_seen, Is.EqualTo(new[] { "first a", "second a", "third a", "first b", "third b", "first c", "third c" }));
            Assert.That(second!.Delivered, Is.EqualTo(1));
            Assert.That(_simulation.EventsExecuted, Is.EqualTo(9), "a dropped delivery still runs as an event, as it did from the watch's queue");
        });
    }

    private void Record(string watch, WatchEvent e) => _seen.Add($"{watch} {e.Item.Metadata.Name} at {_simulation.Now.Ticks / TimeSpan.TicksPerMillisecond}");
}
