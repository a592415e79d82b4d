using System.Runtime.CompilerServices;

namespace Sim.Engine;

/// <summary>Batches: several events that take one place in the queue.</summary>
public sealed partial class Simulation
{
    // Batch records kept for reuse, up to this many (40 bytes each). A pool that shrank after each
    // burst made new records again at the next one.
    private const int MaxFreeBatches = 16_384;

    private readonly Action<object?> _runBatch;
    private readonly Stack<EventBatch> _freeBatches = new();
    private EventBatch? _pausedBatch;
    // Events of batches that are pending beyond each batch's one queue entry.
    private int _batchedPending;

    /// <summary>
    /// Schedules <paramref name="count"/> events at <paramref name="time"/>, each calling
    /// <paramref name="handler"/>(<paramref name="state"/>): exactly what calling
    /// <see cref="ScheduleAt{TState}(SimTime, Action{TState}, TState)"/> <paramref name="count"/>
    /// times in a row does (the same sequence numbers, the same order against every other event,
    /// each counted in <see cref="EventsExecuted"/> and <see cref="PendingCount"/>, a stop, the
    /// event limit or an exception taking effect between two of them), except that they take one
    /// place in the queue and cannot be cancelled. For a fan-out: one change delivered to many
    /// listeners at the same instant, with the state telling each call which listener is next.
    /// </summary>
    /// <typeparam name="TState">The state's type: a reference type, so that nothing is boxed.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="time"/> is earlier than <see cref="Now"/> or <paramref name="count"/> is less than 1.</exception>
    public void ScheduleBatchAt<TState>(SimTime time, int count, Action<TState> handler, TState state)
        where TState : class?
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var action = Unsafe.As<Action<object?>>(handler);
        if (count == 1)
        {
            Enqueue(time.Ticks, action, state);
            return;
        }

        if (time.Ticks < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past: the simulation is at {Now}.");
        }

        if (_nextSequence > HeapEntry.MaxSequence - count + 1)
        {
            throw new InvalidOperationException($"This simulation has scheduled {HeapEntry.MaxSequence:N0} events, the most one simulation can order; split the run.");
        }

        var batch = _freeBatches.Count != 0 ? _freeBatches.Pop() : new EventBatch();
        batch.Handler = action;
        batch.State = state;
        batch.Remaining = count;
        // The batch's entry takes the first event's sequence number; the others are reserved, so
        // every later event gets the number it would get had the events been scheduled one by one.
        EnqueueNotBefore(time.Ticks, _runBatch, batch);
        _nextSequence += count - 1;
        _batchedPending += count - 1;
    }

    /// <summary>
    /// Runs a batch's events back to back. The run loop has counted the first; each later one is
    /// counted here. Returns early (the batch paused) when a stop is requested or the event limit
    /// is reached; an exception leaves the batch paused after the event that threw.
    /// </summary>
    private void RunBatch(EventBatch batch)
    {
        while (true)
        {
            var last = --batch.Remaining == 0;
            _pausedBatch = last ? null : batch;
            batch.Handler(batch.State);
            if (last)
            {
                batch.Handler = null!;
                batch.State = null;
                if (_freeBatches.Count < MaxFreeBatches)
                {
                    _freeBatches.Push(batch);
                }

                return;
            }

            if (_stopRequested || _executed >= _eventLimit)
            {
                return;
            }

            _batchedPending--;
            _executed++;
        }
    }

    private void ResumeBatch(EventBatch batch)
    {
        _pausedBatch = null;
        _batchedPending--;
        _executed++;
        RunBatch(batch);
    }

    /// <summary>A batch's handler, state and events left to run; pooled.</summary>
    private sealed class EventBatch
    {
        public Action<object?> Handler = null!;
        public object? State;
        public int Remaining;
    }
}
