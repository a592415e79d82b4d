namespace Sim.Scheduling;

/// <summary>A binary heap of queued pods with O(log n) removal, each pod knowing its position.</summary>
internal sealed class PodHeap
{
    private readonly Func<QueuedPodInfo, QueuedPodInfo, bool> _less;
    private QueuedPodInfo[] _items = new QueuedPodInfo[16];

    public PodHeap(Func<QueuedPodInfo, QueuedPodInfo, bool> less) => _less = less;

    public int Count { get; private set; }

    public QueuedPodInfo? Peek() => Count == 0 ? null : _items[0];

    public IEnumerable<QueuedPodInfo> Items => _items.Take(Count);

    public void Push(QueuedPodInfo pod)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        _items[Count] = pod;
        pod.HeapIndex = Count;
        Count++;
        Up(pod.HeapIndex);
    }

    public QueuedPodInfo Pop()
    {
        var top = _items[0];
        RemoveAt(0);
        return top;
    }

    public void Remove(QueuedPodInfo pod)
    {
        if (pod.HeapIndex >= 0 && pod.HeapIndex < Count && ReferenceEquals(_items[pod.HeapIndex], pod))
        {
            RemoveAt(pod.HeapIndex);
        }
    }

    public void Fix(QueuedPodInfo pod)
    {
        if (pod.HeapIndex >= 0 && pod.HeapIndex < Count && ReferenceEquals(_items[pod.HeapIndex], pod))
        {
            Down(pod.HeapIndex);
            Up(pod.HeapIndex);
        }
    }

    private void RemoveAt(int index)
    {
        var removed = _items[index];
        Count--;
        if (index != Count)
        {
            var moved = _items[Count];
            _items[index] = moved;
            moved.HeapIndex = index;
            _items[Count] = null!;
            Down(index);
            Up(moved.HeapIndex);
        }
        else
        {
            _items[Count] = null!;
        }

        removed.HeapIndex = -1;
    }

    private bool Before(QueuedPodInfo a, QueuedPodInfo b) =>
        _less(a, b) || (!_less(b, a) && a.Sequence < b.Sequence);

    private void Up(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Before(_items[index], _items[parent]))
            {
                break;
            }

            Swap(index, parent);
            index = parent;
        }
    }

    private void Down(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= Count)
            {
                return;
            }

            var smallest = left;
            var right = left + 1;
            if (right < Count && Before(_items[right], _items[left]))
            {
                smallest = right;
            }

            if (!Before(_items[smallest], _items[index]))
            {
                return;
            }

            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int i, int j)
    {
        (_items[i], _items[j]) = (_items[j], _items[i]);
        _items[i].HeapIndex = i;
        _items[j].HeapIndex = j;
    }
}
