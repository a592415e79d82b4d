namespace Sim.Cluster.Api;

/// <summary>
/// One committed write, as an observer registered with <see cref="ApiServer.Observe"/> sees it: the
/// object before and after, and who wrote it with what description (the event log's fields).
/// </summary>
/// <param name="Before">The stored version before the write; null for a create.</param>
/// <param name="After">The stored version after the write; null for a delete.</param>
/// <param name="Component">The writing component, e.g. <c>default-scheduler</c>.</param>
/// <param name="Change">The write's description, e.g. <c>bound to node-3</c>.</param>
public readonly record struct ApiWrite(ApiObject? Before, ApiObject? After, string Component, string Change)
{
    /// <summary>The object written: its version after the write, or its last version for a delete.</summary>
    public ApiObject Item => (After ?? Before)!;

    /// <summary>Whether the write created, modified or deleted the object.</summary>
    public WatchEventType Type => Before is null ? WatchEventType.Added : After is null ? WatchEventType.Deleted : WatchEventType.Modified;
}
