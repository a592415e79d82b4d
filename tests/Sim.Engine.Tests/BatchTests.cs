using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

public class BatchTests
{
    [Test]
    public void A_batch_runs_its_events_back_to_back_at_its_place_among_events_due_at_the_same_time()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        recorder.At(5, "before");
        var batch = new LabelledBatch(recorder, "b0", "b1", "b2");
        simulation.ScheduleBatchAt(SimTime.FromTicks(5), 3, static b => b.RunNext(), batch);
        recorder.At(5, "after");
        recorder.At(4, "earlier");

        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "earlier", "before", "b0", "b1", "b2", "after" }));
            Assert.That(simulation.EventsExecuted, Is.EqualTo(6));
        });
    }

    [Test]
    public void Events_a_batch_schedules_for_now_run_after_the_whole_batch()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        var batch = new LabelledBatch(recorder, "b0", "b1");
        batch.OnRun = label => recorder.After(0, label + "-echo");
        simulation.ScheduleBatchAt(SimTime.FromTicks(5), 2, static b => b.RunNext(), batch);

        simulation.Run();

        Assert.That(recorder.Labels, Is.EqualTo(new[] { "b0", "b1", "b0-echo", "b1-echo" }));
    }

    [Test]
    public void A_stop_inside_a_batch_takes_effect_between_two_of_its_events()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        var batch = new LabelledBatch(recorder, "b0", "b1", "b2");
        batch.OnRun = label =>
        {
            if (label == "b0")
            {
                simulation.Stop();
            }
        };
        simulation.ScheduleBatchAt(SimTime.FromTicks(5), 3, static b => b.RunNext(), batch);

        var first = simulation.Run();
        var afterStop = recorder.Labels.ToArray();
        var pending = simulation.PendingCount;
        recorder.At(5, "scheduled after the stop");
        var second = simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(StopReason.StopRequested));
            Assert.That(afterStop, Is.EqualTo(new[] { "b0" }));
            Assert.That(pending, Is.EqualTo(2));
            Assert.That(second, Is.EqualTo(StopReason.Idle));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "b0", "b1", "b2", "scheduled after the stop" }));
        });
    }

    [Test]
    public void RunEvents_counts_each_event_of_a_batch()
    {
        var simulation = new Simulation();
        var recorder = new EventRecorder(simulation);
        simulation.ScheduleBatchAt(SimTime.FromTicks(5), 4, static b => b.RunNext(), new LabelledBatch(recorder, "b0", "b1", "b2", "b3"));

        var reason = simulation.RunEvents(2);

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(StopReason.EventLimitReached));
            Assert.That(recorder.Labels, Is.EqualTo(new[] { "b0", "b1" }));
            Assert.That(simulation.EventsExecuted, Is.EqualTo(2));
            Assert.That(simulation.PendingCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_batch_takes_the_sequence_numbers_of_its_events()
    {
        var one = new Simulation();
        var other = new Simulation();
        one.ScheduleBatchAt(SimTime.FromTicks(5), 3, static (object? _) => { }, null);
        for (var i = 0; i < 3; i++)
        {
            other.ScheduleAt(SimTime.FromTicks(5), static (object? _) => { }, null);
        }

        var next = one.ScheduleAt(SimTime.FromTicks(5), static (object? _) => { }, null);
        var expected = other.ScheduleAt(SimTime.FromTicks(5), static (object? _) => { }, null);

        Assert.That(next.Sequence, Is.EqualTo(expected.Sequence));
    }

    [Test]
    public void A_batch_cannot_be_empty_or_in_the_past()
    {
        var simulation = new Simulation();
        simulation.RunUntil(SimTime.FromTicks(10));

        Assert.Multiple(() =>
        {
            Assert.That(() => simulation.ScheduleBatchAt(SimTime.FromTicks(10), 0, static (object? _) => { }, null), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => simulation.ScheduleBatchAt(SimTime.FromTicks(9), 2, static (object? _) => { }, null), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    /// <summary>
    /// The differential check: a random model run twice, once scheduling each group of events due
    /// at one instant as a batch and once as that many single events, with handlers that schedule
    /// more events (now and later), cancel events, stop the run and throw, driven by RunEvents,
    /// RunUntil and Run. Every event records the time, its label, EventsExecuted and PendingCount,
    /// and every run call its result: the two traces must be identical.
    /// </summary>
    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    [TestCase(4UL)]
    [TestCase(5UL)]
    public void A_batch_runs_exactly_as_that_many_single_events(ulong seed)
    {
        var batched = new RandomModel(seed, useBatches: true).Run();
        var single = new RandomModel(seed, useBatches: false).Run();

        Assert.Multiple(() =>
        {
            Assert.That(batched, Has.Count.GreaterThan(1_000));
            Assert.That(batched, Is.EqualTo(single));
        });
    }

    /// <summary>A batch whose events record labels in order; <see cref="OnRun"/> runs after each.</summary>
    private sealed class LabelledBatch(EventRecorder recorder, params string[] labels)
    {
        private int _next;

        public Action<string>? OnRun { get; set; }

        public void RunNext()
        {
            var label = labels[_next++];
            recorder.Log.Add((0, label));
            OnRun?.Invoke(label);
        }
    }

    private sealed class RandomModel(ulong seed, bool useBatches)
    {
        private readonly Simulation _simulation = new(initialCapacity: 16);
        private readonly SimRandom _random = new RandomStreams(seed).For("model");
        private readonly List<string> _trace = [];
        private readonly List<EventHandle> _cancellable = [];
        private int _nextLabel;
        private int _budget = 3_000;

        public List<string> Run()
        {
            for (var i = 0; i < 20; i++)
            {
                ScheduleGroup(_random.NextInt64(0, 50));
            }

            for (var round = 0; round < 100_000 && (_simulation.PendingCount > 0 || round == 0); round++)
            {
                try
                {
                    var reason = _random.Next(4) switch
                    {
                        0 => _simulation.RunEvents(_random.Next(0, 20)),
                        1 => _simulation.RunUntil(_simulation.Now + TimeSpan.FromTicks(_random.NextInt64(0, 30))),
                        2 => _simulation.RunUntil(_simulation.Now),
                        _ => _simulation.Run(),
                    };
                    _trace.Add($"run {reason} at {_simulation.Now.Ticks} executed {_simulation.EventsExecuted} pending {_simulation.PendingCount}");
                }
                catch (InvalidOperationException exception)
                {
                    _trace.Add($"threw {exception.Message} at {_simulation.Now.Ticks} executed {_simulation.EventsExecuted} pending {_simulation.PendingCount}");
                }
            }

            _trace.Add($"end {_simulation.Now.Ticks} {_simulation.EventsExecuted} {_simulation.EventsCancelled} {_simulation.PendingCount}");
            return _trace;
        }

        private void ScheduleGroup(long delay)
        {
            var count = _random.Next(1, 6);
            var labels = new string[count];
            for (var i = 0; i < count; i++)
            {
                labels[i] = $"e{_nextLabel++}";
            }

            var at = _simulation.Now + TimeSpan.FromTicks(delay);
            if (useBatches)
            {
                _simulation.ScheduleBatchAt(at, count, static group => group.RunNext(), new Group(this, labels));
            }
            else
            {
                foreach (var label in labels)
                {
                    _simulation.ScheduleAt(at, static step => step.Model.OnEvent(step.Label), new Step(this, label));
                }
            }
        }

        private void OnEvent(string label)
        {
            _trace.Add($"{_simulation.Now.Ticks} {label} executed {_simulation.EventsExecuted} pending {_simulation.PendingCount}");
            var draw = _random.Next(100);
            if (_budget > 0 && draw < 45)
            {
                _budget--;
                ScheduleGroup(_random.Next(3) == 0 ? 0 : _random.NextInt64(1, 20));
            }

            if (_budget > 0 && draw % 3 == 0)
            {
                _budget--;
                var handle = _simulation.ScheduleAfter(TimeSpan.FromTicks(_random.NextInt64(0, 10)), static step => step.Model.OnEvent(step.Label), new Step(this, $"s{_nextLabel++}"));
                _trace.Add($"scheduled #{handle.Sequence}");
                _cancellable.Add(handle);
            }

            if (draw is >= 50 and < 58 && _cancellable.Count > 0)
            {
                var victim = _random.Next(_cancellable.Count);
                _trace.Add($"cancel {_simulation.Cancel(_cancellable[victim])}");
                _cancellable.RemoveAt(victim);
            }

            if (draw is >= 60 and < 66)
            {
                _simulation.Stop();
            }

            if (draw is >= 70 and < 73)
            {
                throw new InvalidOperationException($"{label} failed");
            }
        }

        private sealed record Step(RandomModel Model, string Label);

        private sealed class Group(RandomModel model, string[] labels)
        {
            private int _next;

            public void RunNext() => model.OnEvent(labels[_next++]);
        }
    }
}
