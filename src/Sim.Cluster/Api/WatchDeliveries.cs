using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// The watch deliveries of one write, gathered while the server notifies its watches and then
/// scheduled, each with its event: deliveries due at the same instant that follow one another in
/// write order go out as one engine batch (<see cref="Simulation.ScheduleBatchAt{TState}"/>), which
/// runs them exactly as one event per delivery would, in the same order, at one queue entry's cost.
/// A lone delivery is a batch of one, which the engine schedules as a plain event. Deliveries are
/// written straight into the batch they go out with.
/// </summary>
internal sealed class WatchDeliveries(Simulation simulation)
{
    private static readonly Action<Batch> DeliverNextHandler = static batch => batch.DeliverNext();

    // Batches kept for reuse, up to this many, each with room for at most MaxPooledDeliveries (so the
    // pool holds at most about 5 MB). A pool that shrank after each burst (it kept only twice the
    // batches still pending) made a new batch for two writes in five of a cluster's bring-up, whose
    // bursts come again and again: a pool that keeps what the largest burst needed makes none after it.
    private const int MaxFree = 16_384;

    // A batch whose array grew past this (a write seen by many watches, e.g. endpoints by every
    // kube-proxy) is not kept: reused for any write, such batches would each hold their large array
    // for as long as the pool lives.
    private const int MaxPooledDeliveries = 16;

    private readonly Simulation _simulation = simulation;
    // Batches are held in arrays of structs, not of the class: a store into an array of a class type
    // goes through the runtime's type-checking helper (the batches come out of shared generic code,
    // typed as any reference), which was 8 % of an idle cluster's heartbeats.
    private Slot[] _free = new Slot[16];
    private int _freeCount;
    // The batches of the write being notified, in order, and when each is due (ticks).
    private Slot[] _batches = new Slot[4];
    private int _count;

    /// <summary>Adds the delivery of <paramref name="watchEvent"/> to <paramref name="watch"/>, due at <paramref name="due"/> (ticks).</summary>
    public void Add(Watch watch, WatchEvent watchEvent, long due)
    {
        if (_count == 0 || _batches[_count - 1].Due != due)
        {
            if (_count == _batches.Length)
            {
                Array.Resize(ref _batches, _count * 2);
            }

            ref var slot = ref _batches[_count++];
            slot.Due = due;
            if (_freeCount != 0)
            {
                ref var free = ref _free[--_freeCount];
                slot.Batch = free.Batch;
                free.Batch = null!;
            }
            else
            {
                slot.Batch = new Batch(this);
            }
        }

        _batches[_count - 1].Batch.Add(watch, watchEvent);
    }

    /// <summary>Schedules the deliveries added since the last flush, in the order added.</summary>
    public void Flush()
    {
        for (var i = 0; i < _count; i++)
        {
            var (batch, due) = (_batches[i].Batch, _batches[i].Due);
            _simulation.ScheduleBatchAt(SimTime.FromTicks(due), batch.Count, DeliverNextHandler, batch);
        }

        Array.Clear(_batches, 0, _count);
        _count = 0;
    }

    /// <summary>Batches kept for reuse.</summary>
    internal int PooledCount => _freeCount;

    private void Return(Batch batch)
    {
        if (_freeCount < MaxFree && batch.Capacity <= MaxPooledDeliveries)
        {
            if (_freeCount == _free.Length)
            {
                Array.Resize(ref _free, _freeCount * 2);
            }

            _free[_freeCount++].Batch = batch;
        }
    }

    /// <summary>A batch, and when it is due (ticks) while pending.</summary>
    private struct Slot
    {
        public Batch Batch;
        public long Due;
    }

    /// <summary>One delivery: the watch and the event it is handed.</summary>
    private readonly record struct Delivery(Watch Watch, WatchEvent Event);

    /// <summary>The deliveries of one batch, one per engine event; returned to the pool, emptied, after the last.</summary>
    private sealed class Batch(WatchDeliveries owner)
    {
        private Delivery[] _deliveries = new Delivery[8];
        private int _next;

        public int Count { get; private set; }

        /// <summary>The deliveries the batch has room for.</summary>
        public int Capacity => _deliveries.Length;

        public void Add(Watch watch, WatchEvent watchEvent)
        {
            if (Count == _deliveries.Length)
            {
                Array.Resize(ref _deliveries, Count * 2);
            }

            _deliveries[Count++] = new Delivery(watch, watchEvent);
        }

        public void DeliverNext()
        {
            var delivery = _deliveries[_next++];
            if (_next != Count)
            {
                delivery.Watch.Deliver(delivery.Event);
                return;
            }

            // The last one: the batch lets go of its watches and events (a pooled batch keeps no
            // old object versions alive), delivers, and goes back to the pool.
            Array.Clear(_deliveries, 0, Count);
            Count = 0;
            _next = 0;
            delivery.Watch.Deliver(delivery.Event);
            owner.Return(this);
        }
    }
}
