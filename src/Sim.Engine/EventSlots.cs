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
internal struct EventSlots
{
    private const long Free = 0;
    private const long Cancelled = -1;

    private Slot[] _slots;
    private int[] _free;
    private int _freeCount;
    private int _used;

    public EventSlots(int capacity)
    {
        _slots = new Slot[Math.Max(capacity, 16)];
        _free = new int[_slots.Length];
        _freeCount = 0;
        _used = 0;
    }

    public int Allocate(long sequence, Action<object?> handler, object? state)
    {
        int index;
        if (_freeCount != 0)
        {
            index = _free[--_freeCount];
        }
        else
        {
            if (_used == _slots.Length)
            {
                if (_slots.Length >= HeapEntry.MaxSlots)
                {
                    throw new InvalidOperationException($"More than {HeapEntry.MaxSlots:N0} events are pending at once; the queue holds at most that many.");
                }

                Array.Resize(ref _slots, Math.Min(_slots.Length * 2, HeapEntry.MaxSlots));
                Array.Resize(ref _free, _slots.Length);
            }

            index = _used++;
        }

        ref var slot = ref _slots[index];
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
        ref var slot = ref _slots[index];
        var handler = slot.Sequence == Cancelled ? null : slot.Handler;
        state = slot.State;
        slot.Sequence = Free;
        _free[_freeCount++] = index;
        return handler;
    }

    /// <summary>Asks the CPU to start loading slot <paramref name="index"/> into cache; a hint with no effect on results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly unsafe void Prefetch(int index)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), index)));
        }
    }

    /// <summary>True when the slot holds a cancelled event; for compaction.</summary>
    public readonly bool IsCancelled(int index) => _slots[index].Sequence == Cancelled;

    /// <summary>Cancels the event in slot <paramref name="index"/> if it is still event <paramref name="sequence"/> and not cancelled.</summary>
    public bool TryCancel(int index, long sequence)
    {
        if ((uint)index >= (uint)_used)
        {
            return false;
        }

        ref var slot = ref _slots[index];
        if (slot.Sequence != sequence)
        {
            return false;
        }

        slot.Sequence = Cancelled;
        slot.Handler = null;
        slot.State = null;
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public Action<object?>? Handler;
        public object? State;
    }
}
