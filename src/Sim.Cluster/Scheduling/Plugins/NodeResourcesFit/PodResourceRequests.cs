namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// A pod's request of each resource a scorer is configured with, in the configured order (upstream's
/// <c>preScoreState.podRequests</c>), computed once per cycle in PreScore. Never changed, so not copied.
/// </summary>
internal sealed class PodResourceRequests(long[] values) : IStateData
{
    /// <summary>The requests.</summary>
    public long[] Values { get; } = values;

    /// <inheritdoc />
    public IStateData Clone() => this;
}
