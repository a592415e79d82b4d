namespace Sim.Cluster.Api;

/// <summary>
/// An object whose desired state is one immutable spec instance, so that the API server can tell a
/// status-only write (same spec instance) from a change of the spec and skip re-validating it.
/// </summary>
public interface ISpecHolder
{
    /// <summary>The spec instance.</summary>
    object SpecObject { get; }
}
