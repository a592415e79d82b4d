namespace Sim.Scheduling.Gpu;

/// <summary>
/// Remembers the <see cref="GpuPod"/> of the pod a score plugin is scoring, so that its annotations are
/// read once per cycle, not once per node (a score plugin sees one pod, in one cycle state, for all nodes).
/// </summary>
internal sealed class GpuPodMemo
{
    private CycleState? _state;
    private PodInfo? _pod;
    private GpuPod _value;

    /// <summary>The pod's <see cref="GpuPod"/>, read when the cycle or the pod changes.</summary>
    public GpuPod Get(CycleState state, PodInfo pod)
    {
        if (!ReferenceEquals(state, _state) || !ReferenceEquals(pod, _pod))
        {
            _value = GpuPod.Of(pod);
            (_state, _pod) = (state, pod);
        }

        return _value;
    }
}
