using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// One zone's queue of nodes waiting for their NoExecute taint (upstream <c>RateLimitedTimedQueue</c>
/// with its <c>UniqueQueue</c>): a node is queued once until removed, processed when due and when the
/// zone's <see cref="TokenBucket"/> allows. Nodes due at the same time are processed in the order
/// queued (upstream's heap leaves that order open).
/// </summary>
internal sealed class RateLimitedTimedQueue(double rate)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _queue = [];
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The limiter in use.</summary>
    public TokenBucket Limiter { get; private set; } = new(rate);

    /// <summary>Nodes waiting.</summary>
    public int Count => _queue.Count;

    /// <summary>
    /// When <see cref="Try"/> could next process a node: the head's due time or the next token,
    /// whichever is later; null if the queue is empty or the limiter never accepts.
    /// </summary>
    public SimTime? NextDueAt => _queue.Count == 0 || Limiter.NextTokenAt is not { } token ? null : token > _queue.Min.ProcessAt ? token : _queue.Min.ProcessAt;

    /// <summary>Queues <paramref name="node"/> due now unless it was queued and not removed since; true if queued.</summary>
    public bool Add(string node, SimTime now)
    {
        if (!_set.Add(node))
        {
            return false;
        }

        Push(new Entry(now, _sequence++, node));
        return true;
    }

    /// <summary>Forgets <paramref name="node"/>: it leaves the queue and may be queued again. False if it was not queued.</summary>
    public bool Remove(string node)
    {
        if (!_set.Remove(node))
        {
            return false;
        }

        if (_entries.Remove(node, out var entry))
        {
            _queue.Remove(entry);
        }

        return true;
    }

    /// <summary>
    /// Processes due nodes while the limiter accepts (it is asked before the head is looked at, as
    /// upstream's <c>Try</c>). <paramref name="process"/> returns true when done with a node, which
    /// then stays in the set (not queued again until removed), or false to retry it a tick later.
    /// </summary>
    public void Try(SimTime now, Func<string, bool> process)
    {
        while (_queue.Count > 0 && Limiter.TryAccept(now))
        {
            var head = _queue.Min;
            if (now < head.ProcessAt)
            {
                break;
            }

            _queue.Remove(head);
            _entries.Remove(head.Node);
            if (!process(head.Node))
            {
                Push(head with { ProcessAt = now + TimeSpan.FromTicks(1), Sequence = _sequence++ });
            }
        }
    }

    /// <summary>
    /// Replaces the limiter if <paramref name="newRate"/> differs (upstream <c>SwapLimiter</c>): a new
    /// bucket starts empty if the old one held no token at <paramref name="now"/>, full otherwise.
    /// </summary>
    public void SwapLimiter(double newRate, SimTime now)
    {
        if (Limiter.Rate == newRate || (Limiter.Rate <= 0 && newRate <= 0))
        {
            return;
        }

        var limiter = new TokenBucket(newRate);
        if (newRate > 0 && !Limiter.TryAccept(now))
        {
            limiter.TryAccept(now);
        }

        Limiter = limiter;
    }

    private void Push(Entry entry)
    {
        _queue.Add(entry);
        _entries[entry.Node] = entry;
    }

    private readonly record struct Entry(SimTime ProcessAt, long Sequence, string Node) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            var byTime = ProcessAt.CompareTo(other.ProcessAt);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
