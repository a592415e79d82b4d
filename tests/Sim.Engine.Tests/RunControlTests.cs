using Sim.Engine.Randomness;


namespace Sim.Engine.Tests;

public class RunControlTests
{
    [Test]
    public void RunUntil_runs_events_due_at_or_before_the_end_and_stops_the_clock_there()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(10, "before");
        recorder.At(20, "at the end");
        recorder.At(21, "after");

        var reason = simulation.RunUntil(SimTime.FromTicks(20));

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(StopReason.TimeReached));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "before", "at the end" }));
            Assert.That(simulation.Now, Is.EqualTo(SimTime.FromTicks(20)));
            Assert.That(simulation.PendingCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void RunUntil_advances_the_clock_even_when_the_queue_empties_first()
    {
        var simulation = new Simulation();
        simulation.ScheduleAt(SimTime.FromTicks(3), () => { });

        var reason = simulation.RunUntil(SimTime.FromTicks(50));

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(StopReason.TimeReached));
            Assert.That(simulation.Now, Is.EqualTo(SimTime.FromTicks(50)));
        });
    }

    [Test]
    public void Consecutive_runs_lose_and_repeat_nothing()
    {
        var whole = RunInSlices(new[] { 1_000L });
        var sliced = RunInSlices(new[] { 1L, 7L, 7L, 250L, 999L, 1_000L });

        Assert.That(sliced, Is.EqualTo(whole));
    }

    [Test]
    public void RunUntil_an_earlier_time_is_rejected()
    {
        var simulation = new Simulation();
        simulation.RunUntil(SimTime.FromTicks(100));

        Assert.That(() => simulation.RunUntil(SimTime.FromTicks(99)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Run_stops_when_no_event_is_left()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(4, "only");

        var reason = simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(StopReason.Idle));
            Assert.That(simulation.Now, Is.EqualTo(SimTime.FromTicks(4)));
        });
    }

    [Test]
    public void RunEvents_runs_exactly_the_requested_number()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        for (var i = 1; i <= 10; i++)
        {
            recorder.At(i, $"e{i}");
        }

        var first = simulation.RunEvents(3);
        var second = simulation.RunEvents(100);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(StopReason.EventLimitReached));
            Assert.That(second, Is.EqualTo(StopReason.Idle));
            Assert.That(recorder.Labels, Is.EqualTo(Enumerable.Range(1, 10).Select(i => $"e{i}")));
            Assert.That(simulation.EventsExecuted, Is.EqualTo(10));
        });
    }

    [Test]
    public void Cancelled_events_do_not_count_towards_an_event_limit()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.Cancel(recorder.At(1, "cancelled"));
        recorder.At(2, "a");
        recorder.At(3, "b");

        simulation.RunEvents(1);

        Assert.That(recorder.Labels, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Stop_returns_after_the_current_handler_and_the_next_run_resumes()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(1, "a");
        simulation.ScheduleAt(SimTime.FromTicks(2), () =>
        {
            recorder.After(0, "zero-delay after stop");
            simulation.Stop();
        });
        recorder.At(3, "c");

        var reason = simulation.RunUntil(SimTime.FromTicks(100));
        var labelsAtStop = recorder.Labels.ToList();
        var nowAtStop = simulation.Now;
        simulation.RunUntil(SimTime.FromTicks(100));

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(StopReason.StopRequested));
            Assert.That(labelsAtStop, Is.EqualTo(new[] { "a" }));
            Assert.That(nowAtStop, Is.EqualTo(SimTime.FromTicks(2)));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "a", "zero-delay after stop", "c" }));
        });
    }

    [Test]
    public void Stop_between_runs_makes_the_next_run_return_before_any_event_and_the_one_after_resume()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(5, "a");
        recorder.At(7, "b");

        simulation.Stop();
        var first = simulation.RunUntil(SimTime.FromTicks(100));
        var labelsAfterFirst = recorder.Labels.ToList();
        var nowAfterFirst = simulation.Now;
        var second = simulation.RunUntil(SimTime.FromTicks(100));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(StopReason.StopRequested));
            Assert.That(labelsAfterFirst, Is.Empty);
            Assert.That(nowAfterFirst, Is.EqualTo(SimTime.Zero), "the clock does not move");
            Assert.That(second, Is.EqualTo(StopReason.TimeReached));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public void A_stop_requested_in_a_run_is_used_up_by_that_run()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.ScheduleAt(SimTime.FromTicks(1), simulation.Stop);
        recorder.At(2, "b");
        recorder.At(3, "c");

        var first = simulation.RunUntil(SimTime.FromTicks(10));
        var second = simulation.RunEvents(1);
        var third = simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(StopReason.StopRequested));
            Assert.That(second, Is.EqualTo(StopReason.EventLimitReached));
            Assert.That(third, Is.EqualTo(StopReason.Idle));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "b", "c" }));
        });
    }

    private static List<(long, string)> RunInSlices(long[] ends)
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        var random = new RandomStreams(3).For("slices");
        for (var i = 0; i < 500; i++)
        {
            recorder.At(random.NextInt64(0, 1_000), $"e{i}");
        }

        foreach (var end in ends)
        {
            simulation.RunUntil(SimTime.FromTicks(end));
        }

        return recorder.Log;
    }
}
