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

/// <summary>
/// A scorer's <see cref="PodResourceRequests"/> of the last pod asked for, handed out again while
/// consecutive pods (a workload's replicas) request the same: the lists are never changed, so they are shared.
/// </summary>
internal sealed class LastPodResourceRequests(ResourceAllocationScorer scorer)
{
    private readonly long[] _buffer = new long[scorer.Count];
    private PodResourceRequests? _last;

    /// <summary>The requests of <paramref name="pod"/>, as <see cref="ResourceAllocationScorer.CalculatePodResourceRequestList(PodInfo)"/> gives them.</summary>
    public PodResourceRequests For(PodInfo pod)
    {
        scorer.CalculatePodResourceRequestList(pod, _buffer);
        if (_last is null || !_buffer.AsSpan().SequenceEqual(_last.Values))
        {
            _last = new PodResourceRequests([.. _buffer]);
        }

        return _last;
    }
}
