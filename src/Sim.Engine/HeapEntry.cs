namespace Sim.Engine;

/// <summary>
/// One pending event as the queue orders it: 16 bytes, no object reference. <see cref="Time"/>
/// comes first; <see cref="Order"/> packs the sequence number (high 36 bits) above the index of the
/// slot that holds the handler and state (low 28 bits), so comparing two orders compares sequence
/// numbers. Four entries fit in a 64-byte cache line, and moving an entry is a plain copy
/// without GC write barriers.
/// </summary>
internal struct HeapEntry
{
    public const int SlotBits = 28;
    public const int MaxSlots = 1 << SlotBits;
    public const long MaxSequence = (1L << (64 - SlotBits)) - 1;
    private const ulong SlotMask = MaxSlots - 1;

    public long Time;
    public ulong Order;

    public HeapEntry(long time, long sequence, int slot)
    {
        Time = time;
        Order = ((ulong)sequence << SlotBits) | (uint)slot;
    }

    public readonly long Sequence => (long)(Order >> SlotBits);

    public readonly int Slot => (int)(Order & SlotMask);

    /// <summary>True when <paramref name="a"/> runs before <paramref name="b"/>.</summary>
    public static bool RunsBefore(in HeapEntry a, in HeapEntry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
}
