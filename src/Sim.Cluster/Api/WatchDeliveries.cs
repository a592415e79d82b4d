using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// The watch deliveries of one write, gathered while the server notifies its watches and then
/// scheduled, each with its event: deliveries due at the same instant that follow one another in
/// write order go out as one engine batch (<see cref="Simulation.ScheduleBatchAt{TState}"/>), which
/// runs them exactly as one event per delivery would, in the same order, at one queue entry's cost.
/// A lone delivery is a batch of one, which the engine schedules as a plain event.
/// </summary>
internal sealed class WatchDeliveries(Simulation simulation)
{
    private static readonly Action<Batch> DeliverNextHandler = static batch => batch.DeliverNext();

    // Batches kept for reuse: at least this many, and up to twice the batches pending, so that the
    // pool follows bursts of writes without keeping their memory for good.
    private const int MinFree = 256;

    private readonly Simulation _simulation = simulation;
    private readonly Stack<Batch> _free = new();
    private Delivery[] _deliveries = new Delivery[16];
    private long[] _dues = new long[16];
    private int _count;
    private int _outstanding;

    /// <summary>Adds the delivery of <paramref name="watchEvent"/> to <paramref name="watch"/>, due at <paramref name="due"/> (ticks).</summary>
    public void Add(Watch watch, WatchEvent watchEvent, long due)
    {
        if (_count == _deliveries.Length)
        {
            Array.Resize(ref _deliveries, _count * 2);
            Array.Resize(ref _dues, _count * 2);
        }

        _deliveries[_count] = new Delivery(watch, watchEvent);
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

            var batch = _free.Count != 0 ? _free.Pop() : new Batch(this);
            batch.Fill(_deliveries.AsSpan(start, end - start));
            _simulation.ScheduleBatchAt(SimTime.FromTicks(due), end - start, DeliverNextHandler, batch);
            _outstanding++;
            start = end;
        }

        Array.Clear(_deliveries, 0, _count);
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

    /// <summary>One delivery: the watch and the event it is handed.</summary>
    private readonly record struct Delivery(Watch Watch, WatchEvent Event);

    /// <summary>The deliveries of one batch, one per engine event; returned to the pool after the last.</summary>
    private sealed class Batch(WatchDeliveries owner)
    {
        private Delivery[] _deliveries = [];
        private int _count;
        private int _next;

        public void Fill(ReadOnlySpan<Delivery> deliveries)
        {
            if (_deliveries.Length < deliveries.Length)
            {
                _deliveries = new Delivery[Math.Max(deliveries.Length, 8)];
            }

            deliveries.CopyTo(_deliveries);
            _count = deliveries.Length;
            _next = 0;
        }

        public void DeliverNext()
        {
            var delivery = _deliveries[_next];
            _deliveries[_next] = default;
            _next++;
            delivery.Watch.Deliver(delivery.Event);
            if (_next == _count)
            {
                owner.Return(this);
            }
        }
    }
}
