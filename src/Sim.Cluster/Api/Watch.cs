using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// A running watch. Its events are delivered in write order, each at max(previous delivery, write
/// time + latency), so a random latency never reorders them. The server schedules each delivery with
/// its event (<see cref="WatchDeliveries"/>); the watch keeps no queue of its own.
/// </summary>
public sealed class Watch
{
    private readonly Simulation _simulation;
    private readonly ApiServer _server;
    private readonly Action<WatchEvent> _handler;
    // The options' delegates, read on every write the watch sees.
    private readonly Func<TimeSpan>? _latency;
    private readonly Func<WatchEvent, bool>? _filter;
    // The latency in ticks when the options' latency is a constant that draws nothing; -1 otherwise.
    private readonly long _constantLatency = -1;
    private long _lastDue;

    internal Watch(ApiServer server, WatchOptions options, Action<WatchEvent> handler)
    {
        _server = server;
        _simulation = server.Simulation;
        Options = options;
        _handler = handler;
        _latency = options.Latency;
        _filter = options.Filter;
        if (_latency?.Target is ConstantLatency constant && constant.Value >= TimeSpan.Zero)
        {
            _constantLatency = constant.Value.Ticks;
        }
    }

    /// <summary>What the watch follows.</summary>
    public WatchOptions Options { get; }

    /// <summary>Events handed to the handler so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>False once <see cref="Stop"/> was called; events not yet delivered are then dropped.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>Stops the watch: no further event is delivered.</summary>
    public void Stop() => IsActive = false;

    /// <summary>
    /// Returns the time (in ticks) at which <paramref name="watchEvent"/> is due, or -1 when nothing is
    /// to be delivered (the watch stopped, or its filter refuses the event); the caller schedules the
    /// delivery (<see cref="Deliver"/>) at that time, after any it scheduled before for this watch.
    /// </summary>
    internal long Enqueue(WatchEvent watchEvent)
    {
        if (!IsActive)
        {
            return -1;
        }

        var latency = _constantLatency >= 0 ? TimeSpan.FromTicks(_constantLatency) : _latency is { } draw ? draw() : TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfNegative(latency.Ticks, nameof(WatchOptions.Latency));
        if (_server.AdjustsWatchLatency)
        {
            latency = _server.WatchLatency.Apply(latency);
        }

        // A latency that far out (an API latency spike's factor of 1e300) is due "never", after every run's end.
        var due = Math.Max(_lastDue, _simulation.Now.AddOrNever(latency).Ticks);
        _lastDue = due;
        return _filter is { } filter && !filter(watchEvent) ? -1 : due;
    }

    /// <summary>Delivers <paramref name="watchEvent"/>, which <see cref="Enqueue"/> accepted, unless the watch stopped since.</summary>
    internal void Deliver(WatchEvent watchEvent)
    {
        if (!IsActive)
        {
            return;
        }

        Delivered++;
        _handler(watchEvent);
    }
}
