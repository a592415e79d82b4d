namespace Sim.Cluster.Objects;

/// <summary>Who owns an object; a controller adopts pods by setting itself as controlling owner.</summary>
/// <param name="Kind">The owner's kind.</param>
/// <param name="Name">The owner's name (same namespace).</param>
/// <param name="Uid">The owner's uid, so that a recreated owner with the same name does not adopt old pods.</param>
/// <param name="Controller">True for the managing controller (at most one per object).</param>
public sealed record OwnerReference(string Kind, string Name, long Uid, bool Controller = true);
