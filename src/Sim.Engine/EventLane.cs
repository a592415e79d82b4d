namespace Sim.Engine;

/// <summary>
/// A FIFO ring buffer for events scheduled at the current time. They are appended in sequence
/// order, so the lane is always sorted and never needs the heap: a zero-delay event costs an array
/// write instead of a sift.
/// </summary>
internal struct EventLane
{
    private HeapEntry[] _items;
    private int _head;
    private int _count;

    public EventLane(int capacity)
    {
        _items = new HeapEntry[Math.Max(capacity, 16)];
        _head = 0;
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly ref HeapEntry Head => ref _items[_head];

    public void Enqueue(in HeapEntry item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        var tail = _head + _count;
        if (tail >= _items.Length)
        {
            tail -= _items.Length;
        }

        _items[tail] = item;
        _count++;
    }

    /// <summary>Removes and returns the head.</summary>
    public HeapEntry Dequeue()
    {
        var item = _items[_head];
        _count--;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        return item;
    }

    private void Grow()
    {
        var bigger = new HeapEntry[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            var index = _head + i;
            bigger[i] = _items[index >= _items.Length ? index - _items.Length : index];
        }

        _items = bigger;
        _head = 0;
    }
}
