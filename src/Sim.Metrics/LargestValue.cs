namespace Sim.Metrics;

/// <summary>A multiset of amounts that knows its largest: O(log n) to add or remove, O(1) to read the largest.</summary>
internal sealed class LargestValue
{
    private readonly Dictionary<long, int> _counts = [];
    private readonly SortedSet<long> _values = [];

    /// <summary>The largest amount held; 0 when empty.</summary>
    public long Max { get; private set; }

    public void Add(long value)
    {
        if (_counts.TryGetValue(value, out var count))
        {
            _counts[value] = count + 1;
            return;
        }

        _counts[value] = 1;
        _values.Add(value);
        Max = _values.Max;
    }

    public void Remove(long value)
    {
        var count = _counts[value];
        if (count > 1)
        {
            _counts[value] = count - 1;
            return;
        }

        _counts.Remove(value);
        _values.Remove(value);
        Max = _values.Count == 0 ? 0 : _values.Max;
    }
}
