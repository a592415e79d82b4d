using Sim.Engine.Randomness;


namespace Sim.Engine.Tests;

public class SimulationOrderingTests
{
    [Test]
    public void Events_run_in_time_order_whatever_the_scheduling_order()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(30, "c");
        recorder.At(10, "a");
        recorder.At(20, "b");

        simulation.Run();

        Assert.That(recorder.Log, Is.EqualTo(new[] { (10L, "a"), (20L, "b"), (30L, "c") }));
    }

    [Test]
    public void Events_at_the_same_time_run_in_the_order_they_were_scheduled()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        var labels = Enumerable.Range(0, 200).Select(i => $"e{i}").ToArray();
        foreach (var label in labels)
        {
            recorder.At(5, label);
        }

        simulation.Run();

        Assert.That(recorder.Labels, Is.EqualTo(labels));
    }

    [Test]
    public void Ties_stay_first_in_first_out_among_thousands_of_interleaved_times()
    {
        // Many equal keys inside a large heap: a heap that is not stable would reorder them.
        var simulation = new Simulation(initialCapacity: 16);
        var order = new List<(long Time, int Index)>();
        var random = new RandomStreams(7).For("times");
        for (var i = 0; i < 20_000; i++)
        {
            var time = random.NextInt64(1, 50);
            var index = i;
            simulation.ScheduleAt(SimTime.FromTicks(time), () => order.Add((simulation.Now.Ticks, index)));
        }

        simulation.Run();

        var expected = order.OrderBy(entry => entry.Time).ThenBy(entry => entry.Index).ToList();
        Assert.That(order, Is.EqualTo(expected));
    }

    [Test]
    public void A_zero_delay_event_runs_after_the_events_already_due_now()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(10, "first");
        simulation.ScheduleAt(SimTime.FromTicks(10), () => recorder.After(0, "zero-delay from second"));
        recorder.At(10, "third");
        recorder.At(11, "later");

        simulation.Run();

        Assert.That(recorder.Labels, Is.EqualTo(new[] { "first", "third", "zero-delay from second", "later" }));
    }

    [Test]
    public void Zero_delay_chains_keep_scheduling_order_and_do_not_advance_the_clock()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.ScheduleAt(SimTime.FromTicks(3), () =>
        {
            recorder.After(0, "a");
            simulation.ScheduleAfter(TimeSpan.Zero, () => recorder.After(0, "c"));
            recorder.After(0, "b");
        });

        simulation.Run();

        Assert.That(recorder.Log, Is.EqualTo(new[] { (3L, "a"), (3L, "b"), (3L, "c") }));
    }

    [Test]
    public void A_handler_sees_the_time_of_its_event()
    {
        var simulation = new Simulation();
        var seen = new List<SimTime>();
        simulation.ScheduleAfter(TimeSpan.FromSeconds(2), () => seen.Add(simulation.Now));
        simulation.ScheduleAfter(TimeSpan.FromSeconds(1), () =>
            simulation.ScheduleAfter(TimeSpan.FromSeconds(5), () => seen.Add(simulation.Now)));

        simulation.Run();

        Assert.That(seen, Is.EqualTo(new[] { SimTime.FromSeconds(2), SimTime.FromSeconds(6) }));
    }

    [Test]
    public void Scheduling_in_the_past_is_rejected()
    {
        var simulation = new Simulation();
        simulation.RunUntil(SimTime.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(() => simulation.ScheduleAt(SimTime.FromSeconds(9), () => { }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => simulation.ScheduleAfter(TimeSpan.FromTicks(-1), () => { }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_handler_that_throws_leaves_the_queue_consistent()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.ScheduleAt(SimTime.FromTicks(1), () => throw new InvalidOperationException("boom"));
        recorder.At(2, "after");

        Assert.That(() => simulation.Run(), Throws.InvalidOperationException.With.Message.EqualTo("boom"));
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "after" }));
            Assert.That(simulation.PendingCount, Is.Zero);
        });
    }

    [Test]
    public void A_handler_cannot_start_a_nested_run()
    {
        var simulation = new Simulation();
        simulation.ScheduleAt(SimTime.FromTicks(1), () => simulation.Run());

        Assert.That(() => simulation.Run(), Throws.InvalidOperationException);
    }

    [Test]
    public void The_queue_grows_past_its_initial_capacity_without_losing_events()
    {
        var simulation = new Simulation(initialCapacity: 1);
        var count = 0;
        for (var i = 100_000; i > 0; i--)
        {
            simulation.ScheduleAt(SimTime.FromTicks(i), () => count++);
        }

        Assert.That(simulation.PendingCount, Is.EqualTo(100_000));
        simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(100_000));
            Assert.That(simulation.EventsExecuted, Is.EqualTo(100_000));
            Assert.That(simulation.Now, Is.EqualTo(SimTime.FromTicks(100_000)));
        });
    }
}
