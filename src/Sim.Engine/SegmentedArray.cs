using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Engine;

/// <summary>
/// A growable array of structs kept in segments of <see cref="SegmentLength"/> elements, for the event
/// queue's tables. No segment is large enough for the large object heap (85,000 bytes and up for a
/// struct of up to 41 bytes), whose allocations are budgeted on their own: a model with tens of
/// thousands of pending events grew its queue through a few hundred kilobytes of large arrays, each
/// doubling leaving the last as garbage, and that alone could set off a full (generation 2) collection.
/// Growing adds a segment instead of copying. The first segment starts at the capacity asked for and
/// doubles up to the full length, so a small simulation stays small.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal struct SegmentedArray<T>
    where T : struct
{
    /// <summary>Log2 of <see cref="SegmentLength"/>.</summary>
    public const int SegmentShift = 11;

    /// <summary>Elements per full segment (2,048: 48 KiB of 24-byte slots, 32 KiB of 16-byte heap entries).</summary>
    public const int SegmentLength = 1 << SegmentShift;

    private const int SegmentMask = SegmentLength - 1;

    private T[][] _segments;
    // The first segment, also held here: an index inside it (every index of a small array, and the
    // top levels of a large heap) costs one comparison more than a plain array, not a second load.
    private T[] _first;
    private int _capacity;

    /// <summary>An array of at least <paramref name="capacity"/> elements (16 at least), all default.</summary>
    public SegmentedArray(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        if (capacity <= SegmentLength)
        {
            _first = new T[capacity];
            _segments = [_first];
            _capacity = capacity;
            return;
        }

        var count = (capacity + SegmentMask) >> SegmentShift;
        _segments = new T[count][];
        for (var i = 0; i < count; i++)
        {
            _segments[i] = new T[SegmentLength];
        }

        _first = _segments[0];
        _capacity = count * SegmentLength;
    }

    /// <summary>The number of elements the array holds.</summary>
    public readonly int Capacity => _capacity;

    /// <summary>Element <paramref name="index"/>, unchecked: the caller keeps it below <see cref="Capacity"/>.</summary>
    public readonly ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var first = _first;
            if ((uint)index < (uint)first.Length)
            {
                return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(first), index);
            }

            var segment = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_segments), index >> SegmentShift);
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(segment), index & SegmentMask);
        }
    }

    /// <summary>
    /// Element <paramref name="index"/> + 1, given <paramref name="element"/>, a reference to element
    /// <paramref name="index"/>: one element on in the same segment, unless the segment ends there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref T Next(ref T element, int index)
    {
        var next = index + 1;
        return ref next < _first.Length || (index >= _first.Length && (next & SegmentMask) != 0)
            ? ref Unsafe.Add(ref element, 1)
            : ref this[next];
    }

    /// <summary>Grows the array: the first segment doubles up to the full length, then a segment is added.</summary>
    public void Grow()
    {
        if (_capacity < SegmentLength)
        {
            Array.Resize(ref _segments[0], Math.Min(_capacity * 2, SegmentLength));
            _first = _segments[0];
            _capacity = _first.Length;
            return;
        }

        var count = _capacity >> SegmentShift;
        if (count == _segments.Length)
        {
            Array.Resize(ref _segments, count * 2);
        }

        _segments[count] = new T[SegmentLength];
        _capacity += SegmentLength;
    }
}
