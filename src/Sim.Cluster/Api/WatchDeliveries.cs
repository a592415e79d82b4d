using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// The watch deliveries of one write, gathered while the server notifies its watches and then
/// scheduled: deliveries due at the same instant that follow one another in write order go out as
/// one engine batch (<see cref="Simulation.ScheduleBatchAt{TState}"/>), which runs them exactly as
/// one event per delivery would, in the same order, at one queue entry's cost.
/// </summary>
internal sealed class WatchDeliveries(Simulation simulation)
{
    private static readonly Action<Batch> DeliverNextHandler = static batch => batch.DeliverNext();

    // Batches kept for reuse: at least this many, and up to twice the batches pending, so that the
    // pool follows bursts of writes without keeping their memory for good.
    private const int MinFree = 256;

    private readonly Simulation _simulation = simulation;
    private readonly Stack<Batch> _free = new();
    private Watch[] _watches = new Watch[16];
    private long[] _dues = new long[16];
    private int _count;
    private int _outstanding;

    /// <summary>Adds a delivery to <paramref name="watch"/> due at <paramref name="due"/> (ticks).</summary>
    public void Add(Watch watch, long due)
    {
        if (_count == _watches.Length)
        {
            Array.Resize(ref _watches, _count * 2);
            Array.Resize(ref _dues, _count * 2);
        }

        _watches[_count] = watch;
        _dues[_count] = due;
        _count++;
    }

    /// <summary>Schedules the deliveries added since the last flush, in the order added.</summary>
    public void Flush()
    {
        var start = 0;
        while (start < _count)
        {
            var due = _dues[start];
            var end = start + 1;
            while (end < _count && _dues[end] == due)
            {
                end++;
            }

            if (end - start == 1)
            {
                _watches[start].ScheduleDelivery(due);
            }
            else
            {
                var batch = _free.Count != 0 ? _free.Pop() : new Batch(this);
                batch.Fill(_watches.AsSpan(start, end - start));
                _simulation.ScheduleBatchAt(SimTime.FromTicks(due), end - start, DeliverNextHandler, batch);
                _outstanding++;
            }

            start = end;
        }

        Array.Clear(_watches, 0, _count);
        _count = 0;
    }

    private void Return(Batch batch)
    {
        _outstanding--;
        var keep = Math.Max(MinFree, 2 * _outstanding);
        if (_free.Count < keep)
        {
            _free.Push(batch);
        }
        else if (_free.Count > keep)
        {
            _free.Pop(); // the burst is over: let the pool shrink
        }
    }

    /// <summary>The watches of one batch, delivered one per engine event; returned to the pool after the last.</summary>
    private sealed class Batch(WatchDeliveries owner)
    {
        private Watch[] _watches = [];
        private int _count;
        private int _next;

        public void Fill(ReadOnlySpan<Watch> watches)
        {
            if (_watches.Length < watches.Length)
            {
                _watches = new Watch[Math.Max(watches.Length, 8)];
            }

            watches.CopyTo(_watches);
            _count = watches.Length;
            _next = 0;
        }

        public void DeliverNext()
        {
            var watch = _watches[_next];
            _watches[_next] = null!;
            _next++;
            watch.DeliverNext();
            if (_next == _count)
            {
                owner.Return(this);
            }
        }
    }
}
