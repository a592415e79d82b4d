using System.Runtime.CompilerServices;

namespace Sim.Engine;

/// <summary>
/// The discrete-event kernel: a clock (<see cref="Now"/>), a queue of pending events and a run
/// loop. Events run in (time, sequence) order: earlier time first, and events due at the same
/// time in the order they were scheduled.
/// </summary>
/// <remarks>
/// <para>
/// An event is a handler and a state object. Schedule a static lambda with the component as its
/// state (<c>sim.ScheduleAfter(delay, static node => node.Heartbeat(), node)</c>): nothing is
/// allocated per event. Pending events are structs in a binary heap; events due at the current time
/// bypass the heap through a FIFO lane.
/// </para>
/// <para>
/// Heap entries are 16-byte keys (time, then sequence and slot packed in one word) with no object
/// reference, so sifting them costs no GC write barrier; handlers and states live in a slot table.
/// Limits: 2^28 (268 million) events pending at once and 2^36 (68 billion) events scheduled over
/// one simulation's life; past either, scheduling throws rather than misorders. Cancellation is O(1) and
/// lazy: <see cref="Cancel"/> empties the event's slot, and the run loop skips the entry when it
/// reaches the front. When cancelled entries outnumber live ones (and there are at least 1,024 of
/// them) the heap is compacted in O(n), so a model that re-arms timers constantly keeps a bounded
/// queue.
/// </para>
/// <para>
/// The kernel holds no randomness and no wall clock: randomness comes from
/// <see cref="Randomness.RandomStreams"/>, passed to the components that need it.
/// A simulation is single-threaded; run many simulations in parallel, not one on many threads.
/// </para>
/// </remarks>
public sealed partial class Simulation
{
    private const int CompactionThreshold = 1024;
    private const int PrefetchThreshold = 4096;

    private static readonly Action<object?> InvokeAction = static action => ((Action)action!)();

    private EventHeap _heap;
    private EventLane _lane;
    private EventSlots _slots;
    private long _now;
    private long _nextSequence = 1;
    private long _executed;
    private int _cancelledPending;
    private bool _topConsumed;
    private bool _running;
    private bool _stopRequested;
    private long _eventLimit = long.MaxValue;

    /// <summary>Creates an empty simulation at time zero.</summary>
    /// <param name="initialCapacity">Pending events to make room for before the queue grows.</param>
    public Simulation(int initialCapacity = 1024)
    {
        _heap = new EventHeap(initialCapacity);
        _lane = new EventLane(64);
        _slots = new EventSlots(initialCapacity);
        _runBatch = state => RunBatch((EventBatch)state!);
    }

    /// <summary>The current simulated time: the time of the event being run, or where the last run stopped.</summary>
    public SimTime Now => SimTime.FromTicks(_now);

    /// <summary>Events run so far.</summary>
    public long EventsExecuted => _executed;

    /// <summary>Events cancelled before they ran.</summary>
    public long EventsCancelled { get; private set; }

    /// <summary>Events scheduled and neither run nor cancelled.</summary>
    public int PendingCount => _heap.Count + _lane.Count - (_topConsumed ? 1 : 0) - _cancelledPending + _batchedPending;

    /// <summary>True while a run call is executing events.</summary>
    public bool IsRunning => _running;

    /// <summary>Schedules <paramref name="handler"/>(<paramref name="state"/>) at <paramref name="time"/>.</summary>
    /// <typeparam name="TState">The state's type: a reference type, so that nothing is boxed.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="time"/> is earlier than <see cref="Now"/>.</exception>
    public EventHandle ScheduleAt<TState>(SimTime time, Action<TState> handler, TState state)
        where TState : class?
    {
        ArgumentNullException.ThrowIfNull(handler);
        // An Action<TState> over a reference type has the same calling convention as an
        // Action<object?>, and the handler is only ever invoked with the state stored beside it.
        return Enqueue(time.Ticks, Unsafe.As<Action<object?>>(handler), state);
    }

    /// <summary>Schedules <paramref name="handler"/>(<paramref name="state"/>) after <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="delay"/> is negative.</exception>
    public EventHandle ScheduleAfter<TState>(TimeSpan delay, Action<TState> handler, TState state)
        where TState : class?
    {
        ArgumentNullException.ThrowIfNull(handler);
        return EnqueueNotBefore(DelayToTime(delay), Unsafe.As<Action<object?>>(handler), state);
    }

    /// <summary>Schedules <paramref name="handler"/> at <paramref name="time"/>. A lambda that captures variables allocates; prefer the state overload on hot paths.</summary>
    public EventHandle ScheduleAt(SimTime time, Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Enqueue(time.Ticks, InvokeAction, handler);
    }

    /// <summary>Schedules <paramref name="handler"/> after <paramref name="delay"/>. A lambda that captures variables allocates; prefer the state overload on hot paths.</summary>
    public EventHandle ScheduleAfter(TimeSpan delay, Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Enqueue(DelayToTime(delay), InvokeAction, handler);
    }

    /// <summary>
    /// Cancels a pending event. Returns true if the event was pending and will now not run; false if
    /// it already ran, is running, was already cancelled, or <paramref name="handle"/> is <c>default</c>.
    /// </summary>
    public bool Cancel(EventHandle handle)
    {
        if (!handle.IsValid || !_slots.TryCancel(handle.Slot, handle.Sequence))
        {
            return false;
        }

        EventsCancelled++;
        _cancelledPending++;
        if (_cancelledPending >= CompactionThreshold && _cancelledPending * 2 > _heap.Count)
        {
            Compact();
        }

        return true;
    }

    /// <summary>
    /// Asks the running loop to return after the current handler. The run call returns
    /// <see cref="StopReason.StopRequested"/>; the next run call resumes where it stopped. Called
    /// while no run is executing, it makes the next run call return at once, before any event and
    /// without moving the clock.
    /// </summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Runs events until none is left.</summary>
    public StopReason Run() => RunCore(long.MaxValue, long.MaxValue);

    /// <summary>
    /// Runs every event due at or before <paramref name="end"/>, then advances <see cref="Now"/> to
    /// <paramref name="end"/>. Events due later stay pending for the next run call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="end"/> is earlier than <see cref="Now"/>.</exception>
    public StopReason RunUntil(SimTime end)
    {
        if (end.Ticks < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The simulation is already at {Now}.");
        }

        var reason = RunCore(end.Ticks, long.MaxValue);
        if (reason is StopReason.Idle or StopReason.TimeReached)
        {
            AdvanceClock(end.Ticks);
            return StopReason.TimeReached;
        }

        return reason;
    }

    /// <summary>Runs for <paramref name="duration"/> of simulated time from <see cref="Now"/>.</summary>
    public StopReason RunFor(TimeSpan duration) => RunUntil(Now + duration);

    /// <summary>Runs at most <paramref name="count"/> events (fewer if the queue empties or a handler stops the run).</summary>
    public StopReason RunEvents(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return RunCore(long.MaxValue, count);
    }

    private StopReason RunCore(long endTicks, long maxEvents)
    {
        if (_running)
        {
            throw new InvalidOperationException("The simulation is already running: a handler cannot start a nested run.");
        }

        _running = true;
        try
        {
            return Loop(endTicks, maxEvents);
        }
        finally
        {
            _running = false;
        }
    }

    private StopReason Loop(long endTicks, long maxEvents)
    {
        var limit = maxEvents == long.MaxValue ? long.MaxValue : _executed + maxEvents;
        _eventLimit = limit;
        try
        {
            while (true)
            {
                if (_stopRequested)
                {
                    _stopRequested = false;
                    return StopReason.StopRequested;
                }

                if (_executed >= limit)
                {
                    return StopReason.EventLimitReached;
                }

                if (_pausedBatch is { } paused)
                {
                    // A batch that a stop, the event limit or an exception interrupted: its next
                    // event is due now and was scheduled before anything still pending.
                    ResumeBatch(paused);
                    continue;
                }

                Action<object?>? handler;
                object? state;
                if (_lane.Count != 0
                    && (_heap.Count == 0 || _heap.Top.Time != _now || _heap.Top.Sequence > _lane.Head.Sequence))
                {
                    // The lane holds events due now in sequence order; it goes first unless the heap
                    // top is due now too and was scheduled earlier.
                    handler = _slots.Release(_lane.Dequeue().Slot, out state);
                    if (handler is null)
                    {
                        _cancelledPending--;
                        continue;
                    }
                }
                else
                {
                    if (_heap.Count == 0)
                    {
                        return StopReason.Idle;
                    }

                    ref var top = ref _heap.Top;
                    if (top.Time > endTicks)
                    {
                        return StopReason.TimeReached;
                    }

                    handler = _slots.Release(top.Slot, out state);
                    if (handler is null)
                    {
                        _cancelledPending--;
                        _heap.RemoveTop();
                        continue;
                    }

                    _now = top.Time;
                    PrefetchNextCandidates();

                    // The top stays in place while its handler runs: if the handler schedules an
                    // event, that event replaces the top with one sift-down instead of a removal
                    // plus a push.
                    _topConsumed = true;
                }

                _executed++;
                handler(state);
                if (_topConsumed)
                {
                    _topConsumed = false;
                    _heap.RemoveTop();
                }
            }
        }
        catch
        {
            if (_topConsumed)
            {
                _topConsumed = false;
                _heap.RemoveTop();
            }

            throw;
        }
    }

    /// <summary>
    /// The next event to run is a child of the current top (or an event its handler schedules, whose
    /// slot is warm): start loading their slots while the handler runs. Only a cache hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchNextCandidates()
    {
        if (_heap.Count < PrefetchThreshold)
        {
            return; // a small queue stays in cache
        }

        for (var child = 1; child <= EventHeap.Arity; child++)
        {
            var slot = _heap.SlotAt(child);
            if (slot < 0)
            {
                break;
            }

            _slots.Prefetch(slot);
        }
    }

    private EventHandle Enqueue(long time, Action<object?> handler, object? state)
    {
        if (time < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), SimTime.FromTicks(time), $"Cannot schedule in the past: the simulation is at {Now}.");
        }

        return EnqueueNotBefore(time, handler, state);
    }

    /// <summary>Enqueues an event whose time is known not to be in the past.</summary>
    private EventHandle EnqueueNotBefore(long time, Action<object?> handler, object? state)
    {
        if (_nextSequence > HeapEntry.MaxSequence)
        {
            throw new InvalidOperationException($"This simulation has scheduled {HeapEntry.MaxSequence:N0} events, the most one simulation can order; split the run.");
        }

        var sequence = _nextSequence++;
        var item = new HeapEntry(time, sequence, _slots.Allocate(sequence, handler, state));
        if (time == _now)
        {
            _lane.Enqueue(item);
        }
        else if (_topConsumed)
        {
            _topConsumed = false;
            _heap.ReplaceTop(item);
        }
        else
        {
            _heap.Push(item);
        }

        return new EventHandle(time, sequence, item.Slot);
    }

    private long DelayToTime(TimeSpan delay)
    {
        if (delay.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
        }

        return checked(_now + delay.Ticks);
    }

    private void AdvanceClock(long ticks)
    {
        if (ticks > _now)
        {
            _now = ticks;
        }
    }

    private void Compact()
    {
        if (_topConsumed)
        {
            _topConsumed = false;
            _heap.RemoveTop();
        }

        _cancelledPending -= _heap.RemoveWhere(static (simulation, entry) => simulation.ReleaseIfCancelled(entry.Slot), this);
    }

    private bool ReleaseIfCancelled(int slot)
    {
        if (!_slots.IsCancelled(slot))
        {
            return false;
        }

        _slots.Release(slot, out _);
        return true;
    }
}
