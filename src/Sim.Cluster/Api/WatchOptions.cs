namespace Sim.Cluster.Api;

/// <summary>What a watch follows and how late its events arrive.</summary>
public sealed record WatchOptions
{
    /// <summary>The kind to watch.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// An index registered with <see cref="ApiServer.AddIndex"/> (e.g. <c>spec.nodeName</c>), to follow
    /// only objects whose index value is <see cref="IndexValue"/>, as a field selector does. An object
    /// that enters the selection arrives as Added and one that leaves it as Deleted.
    /// </summary>
    public string? IndexName { get; init; }

    /// <summary>The index value to follow; used with <see cref="IndexName"/>.</summary>
    public string? IndexValue { get; init; }

    /// <summary>
    /// Draws each event's delivery delay (e.g. from a named random stream); null delivers at once
    /// (after the writing event). Events of one watch always arrive in the order they were written.
    /// </summary>
    public Func<TimeSpan>? Latency { get; init; }

    /// <summary>
    /// Which events the handler wants; null is all of them. An event the filter refuses is not
    /// delivered, but it still draws its latency and takes its place in the watch's delivery order, so
    /// the events that are delivered arrive exactly when they would without the filter. For a handler
    /// that ignores some events (judged from the event alone), a filter that refuses those changes
    /// nothing but the work done.
    /// </summary>
    public Func<WatchEvent, bool>? Filter { get; init; }
}
