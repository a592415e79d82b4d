namespace Sim.Cluster.Api;

/// <summary>One change delivered by a watch: the type and the object as it was written.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Item">The object's version after the change (for a deletion, the last version).</param>
public readonly record struct WatchEvent(WatchEventType Type, ApiObject Item);
