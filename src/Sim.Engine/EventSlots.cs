using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sim.Engine;

/// <summary>
/// The handler and state of every pending event, in slots reused through a free list. A slot also
/// records its event's sequence number, so a handle can check in O(1) that its event is still the
/// one in the slot; cancelling marks the slot and leaves the heap entry to be skipped later.
/// A slot that ran keeps its handler and state referenced until it is reused (so re-scheduling the
/// same handler and state writes no reference); a cancelled slot drops them at once.
/// </summary>
/// <remarks>
/// The slots live in segments of 2,048 (48 KB each), added as the table grows and never copied, so
/// that no array of the table reaches .NET's large object heap (85,000 bytes and more), whose
/// allocations have a budget of their own: a table grown by doubling one array left a chain of large
/// arrays behind on every run that queued tens of thousands of events, enough to set off a blocking
/// full collection. The free list is threaded through the free slots themselves (their sequence
/// holds the next free slot), last freed first out.
/// </remarks>
internal struct EventSlots
{
    private const int SegmentBits = 11;
    private const int SegmentSize = 1 << SegmentBits;
    private const int SegmentMask = SegmentSize - 1;
    private const long Cancelled = -1;

    // A free slot's sequence: NoneFree − (next free slot + 1), always below Cancelled; NoneFree itself
    // ends the list.
    private const long NoneFree = -2;

    private Slot[][] _segments;
    private readonly Slot[] _first;
    private int _segmentCount;
    private int _freeHead;
    private int _used;

    public EventSlots(int capacity)
    {
        _segments = new Slot[Math.Max(4, (Math.Max(capacity, 0) + SegmentMask) >> SegmentBits)][];
        _segmentCount = 0;
        while (_segmentCount == 0 || _segmentCount << SegmentBits < capacity)
        {
            _segments[_segmentCount++] = new Slot[SegmentSize];
        }

        _first = _segments[0];
        _freeHead = -1;
        _used = 0;
    }

    public int Allocate(long sequence, Action<object?> handler, object? state)
    {
        int index;
        if (_freeHead >= 0)
        {
            index = _freeHead;
            _freeHead = (int)(NoneFree - At(index).Sequence - 1);
        }
        else
        {
            if (_used == _segmentCount << SegmentBits)
            {
                if (_used >= HeapEntry.MaxSlots)
                {
                    throw new InvalidOperationException($"More than {HeapEntry.MaxSlots:N0} events are pending at once; the queue holds at most that many.");
                }

                AddSegment();
            }

            index = _used++;
        }

        ref var slot = ref At(index);
        slot.Sequence = sequence;
        // A reused slot often gets the same handler and state back (a process scheduling its next
        // step): comparing is cheaper than storing a reference, which costs a GC write barrier.
        if (!ReferenceEquals(slot.Handler, handler))
        {
            slot.Handler = handler;
        }

        if (!ReferenceEquals(slot.State, state))
        {
            slot.State = state;
        }

        return index;
    }

    /// <summary>Empties slot <paramref name="index"/> and returns its handler (null if the event was cancelled) and state.</summary>
    public Action<object?>? Release(int index, out object? state)
    {
        ref var slot = ref At(index);
        var handler = slot.Sequence == Cancelled ? null : slot.Handler;
        state = slot.State;
        slot.Sequence = NoneFree - (_freeHead + 1);
        _freeHead = index;
        return handler;
    }

    /// <summary>Asks the CPU to start loading slot <paramref name="index"/> into cache; a hint with no effect on results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly unsafe void Prefetch(int index)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref At(index)));
        }
    }

    /// <summary>True when the slot holds a cancelled event; for compaction.</summary>
    public readonly bool IsCancelled(int index) => At(index).Sequence == Cancelled;

    /// <summary>Cancels the event in slot <paramref name="index"/> if it is still event <paramref name="sequence"/> and not cancelled.</summary>
    public bool TryCancel(int index, long sequence)
    {
        if ((uint)index >= (uint)_used)
        {
            return false;
        }

        ref var slot = ref At(index);
        if (slot.Sequence != sequence)
        {
            return false;
        }

        slot.Sequence = Cancelled;
        slot.Handler = null;
        slot.State = null;
        return true;
    }

    /// <summary>
    /// Slot <paramref name="index"/> (below the slots in use): in the first segment directly, as one array
    /// would be read (a queue of up to 2,048 events never reads another), else its segment, then its place in it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref Slot At(int index)
    {
        var first = _first;
        if ((uint)index < (uint)first.Length)
        {
            return ref first[index];
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_segments[index >> SegmentBits]), index & SegmentMask);
    }

    private void AddSegment()
    {
        if (_segmentCount == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        _segments[_segmentCount++] = new Slot[SegmentSize];
    }

    private struct Slot
    {
        public long Sequence;
        public Action<object?>? Handler;
        public object? State;
    }
}
