using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// A running watch. Its events are queued in write order and each is delivered at
/// max(previous delivery, write time + latency), so a random latency never reorders them.
/// </summary>
public sealed class Watch
{
    private static readonly Action<Watch> DeliverNextHandler = static watch => watch.DeliverNext();

    private readonly Simulation _simulation;
    private readonly ApiServer _server;
    private readonly Action<WatchEvent> _handler;
    // The options' delegates, read on every write the watch sees.
    private readonly Func<TimeSpan>? _latency;
    private readonly Func<WatchEvent, bool>? _filter;
    private readonly Queue<WatchEvent> _pending = new();
    private long _lastDue;

    internal Watch(ApiServer server, WatchOptions options, Action<WatchEvent> handler)
    {
        _server = server;
        _simulation = server.Simulation;
        Options = options;
        _handler = handler;
        _latency = options.Latency;
        _filter = options.Filter;
    }

    /// <summary>What the watch follows.</summary>
    public WatchOptions Options { get; }

    /// <summary>Events handed to the handler so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>False once <see cref="Stop"/> was called; queued events are then dropped.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>Stops the watch: no further event is delivered.</summary>
    public void Stop()
    {
        IsActive = false;
        _pending.Clear();
    }

    /// <summary>
    /// Queues <paramref name="watchEvent"/> and returns the time (in ticks) at which it is due, or -1
    /// when nothing is to be delivered (the watch stopped, or its filter refuses the event); the
    /// caller schedules the delivery (<see cref="DeliverNext"/>) at that time.
    /// </summary>
    internal long Enqueue(WatchEvent watchEvent)
    {
        if (!IsActive)
        {
            return -1;
        }

        var latency = _latency is { } draw ? draw() : TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfNegative(latency.Ticks, nameof(WatchOptions.Latency));
        if (_server.AdjustsWatchLatency)
        {
            latency = _server.WatchLatency.Apply(latency);
        }

        var due = Math.Max(_lastDue, checked(_simulation.Now.Ticks + latency.Ticks));
        _lastDue = due;
        if (_filter is { } filter && !filter(watchEvent))
        {
            return -1;
        }

        _pending.Enqueue(watchEvent);
        return due;
    }

    /// <summary>Schedules one delivery at <paramref name="due"/> (ticks), for an event <see cref="Enqueue"/> queued.</summary>
    internal void ScheduleDelivery(long due) => _simulation.ScheduleAt(SimTime.FromTicks(due), DeliverNextHandler, this);

    /// <summary>Delivers the oldest queued event, unless the watch stopped.</summary>
    internal void DeliverNext()
    {
        if (!IsActive || !_pending.TryDequeue(out var next))
        {
            return;
        }

        Delivered++;
        _handler(next);
    }
}
