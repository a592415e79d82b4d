using Sim.Engine.Randomness;


namespace Sim.Engine.Tests;

public class CancellationTests
{
    [Test]
    public void A_cancelled_event_does_not_run()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(1, "a");
        var b = recorder.At(2, "b");
        recorder.At(3, "c");

        var cancelled = simulation.Cancel(b);
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.True);
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "a", "c" }));
            Assert.That(simulation.EventsCancelled, Is.EqualTo(1));
            Assert.That(simulation.EventsExecuted, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_handler_can_cancel_a_later_event_at_the_same_time()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        EventHandle victim = default;
        simulation.ScheduleAt(SimTime.FromTicks(5), () => simulation.Cancel(victim));
        victim = recorder.At(5, "victim");
        recorder.At(5, "survivor");

        simulation.Run();

        Assert.That(recorder.Labels, Is.EqualTo(new[] { "survivor" }));
    }

    [Test]
    public void A_zero_delay_event_can_be_cancelled()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.ScheduleAt(SimTime.FromTicks(5), () =>
        {
            var handle = recorder.After(0, "cancelled");
            recorder.After(0, "kept");
            simulation.Cancel(handle);
        });

        simulation.Run();

        Assert.That(recorder.Labels, Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public void Cancelling_twice_or_after_the_event_ran_returns_false()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        var ran = recorder.At(1, "ran");
        var pending = recorder.At(10, "pending");
        simulation.RunUntil(SimTime.FromTicks(5));

        Assert.Multiple(() =>
        {
            Assert.That(simulation.Cancel(ran), Is.False, "already ran");
            Assert.That(simulation.Cancel(pending), Is.True, "pending");
            Assert.That(simulation.Cancel(pending), Is.False, "already cancelled");
            Assert.That(simulation.Cancel(default), Is.False, "default handle");
            Assert.That(simulation.EventsCancelled, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_running_event_cannot_cancel_itself()
    {
        var simulation = new Simulation();
        EventHandle self = default;
        var result = true;
        self = simulation.ScheduleAt(SimTime.FromTicks(1), () => result = simulation.Cancel(self));

        simulation.Run();

        Assert.That(result, Is.False);
    }

    [Test]
    public void Re_armed_timers_keep_the_queue_bounded()
    {
        // A lease that is renewed every second and would expire after 40 s: each renewal cancels
        // the pending expiry. Without compaction the queue would hold every stale expiry.
        var simulation = new Simulation();
        var lease = new Lease(simulation);
        for (var i = 0; i < 10_000; i++)
        {
            lease.Renew();
            simulation.RunFor(TimeSpan.FromMilliseconds(10));
        }

        Assert.Multiple(() =>
        {
            Assert.That(lease.Expired, Is.False);
            Assert.That(simulation.PendingCount, Is.EqualTo(1));
            Assert.That(simulation.EventsCancelled, Is.EqualTo(9_999));
        });

        simulation.Run();
        Assert.That(lease.Expired, Is.True);
    }

    [Test]
    public void Cancellation_under_churn_runs_exactly_the_surviving_events_in_order()
    {
        var simulation = new Simulation(initialCapacity: 8);
        var random = new RandomStreams(11).For("churn");
        var handles = new List<(EventHandle Handle, int Id)>();
        var ran = new List<int>();
        for (var i = 0; i < 50_000; i++)
        {
            var id = i;
            handles.Add((simulation.ScheduleAt(SimTime.FromTicks(random.NextInt64(0, 1_000)), () => ran.Add(id)), id));
        }

        var cancelledIds = new HashSet<int>();
        foreach (var (handle, id) in handles)
        {
            if (random.NextDouble() < 0.7 && simulation.Cancel(handle))
            {
                cancelledIds.Add(id);
            }
        }

        simulation.Run();

        var expected = handles.Where(h => !cancelledIds.Contains(h.Id))
            .OrderBy(h => h.Handle.Time.Ticks).ThenBy(h => h.Handle.Sequence).Select(h => h.Id);
        Assert.That(ran, Is.EqualTo(expected));
    }

    private sealed class Lease(Simulation simulation)
    {
        private EventHandle _expiry;

        public bool Expired { get; private set; }

        public void Renew()
        {
            simulation.Cancel(_expiry);
            _expiry = simulation.ScheduleAfter(TimeSpan.FromSeconds(40), static lease => lease.Expired = true, this);
        }
    }
}
