using Sim.Engine.Randomness;

namespace Sim.Benchmarks;

/// <summary>
/// The timeout-ping workload written by hand for itself alone: a minimal binary min-heap of
/// (time, sequence, process) structs, pop then push. The reference the engine is measured against.
/// </summary>
internal sealed class HandWrittenPing
{
    private readonly SimRandom _random;
    private readonly TimeSpan _meanDelay;
    private Entry[] _heap;
    private int _count;
    private long _sequence;
    private long _now;

    public HandWrittenPing(int processes, SimRandom random, TimeSpan meanDelay)
    {
        _random = random;
        _meanDelay = meanDelay;
        _heap = new Entry[Math.Max(processes, 16)];
        for (var i = 0; i < processes; i++)
        {
            Push(new Entry(_random.Exponential(_meanDelay).Ticks, ++_sequence, i));
        }
    }

    /// <summary>Runs <paramref name="events"/> events; returns the clock.</summary>
    public long Run(int events)
    {
        for (var i = 0; i < events; i++)
        {
            var next = Pop();
            _now = next.Time;
            Push(new Entry(_now + _random.Exponential(_meanDelay).Ticks, ++_sequence, next.Process));
        }

        return _now;
    }

    private void Push(Entry entry)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!entry.Before(_heap[parent]))
            {
                break;
            }

            _heap[index] = _heap[parent];
            index = parent;
        }

        _heap[index] = entry;
    }

    private Entry Pop()
    {
        var top = _heap[0];
        var last = _heap[--_count];
        var index = 0;
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _heap[child + 1].Before(_heap[child]))
            {
                child++;
            }

            if (!_heap[child].Before(last))
            {
                break;
            }

            _heap[index] = _heap[child];
            index = child;
        }

        _heap[index] = last;
        return top;
    }

    private readonly record struct Entry(long Time, long Sequence, int Process)
    {
        public bool Before(in Entry other) => Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
    }
}
