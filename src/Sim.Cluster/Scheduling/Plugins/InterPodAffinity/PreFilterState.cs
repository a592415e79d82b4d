namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>What PreFilter computes for Filter (upstream's <c>preFilterState</c>).</summary>
internal sealed class PreFilterState : IStateData
{
    public PreFilterState(PodInfo pod, TopologyCounts existingAntiAffinityCounts, TopologyCounts affinityCounts, TopologyCounts antiAffinityCounts)
        : this(pod, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts, TopologyCounts.MatchesAll(pod.RequiredAffinityTerms, pod.Pod))
    {
    }

    private PreFilterState(PodInfo pod, TopologyCounts existingAntiAffinityCounts, TopologyCounts affinityCounts, TopologyCounts antiAffinityCounts, bool podMatchesOwnAffinity)
    {
        Pod = pod;
        ExistingAntiAffinityCounts = existingAntiAffinityCounts;
        AffinityCounts = affinityCounts;
        AntiAffinityCounts = antiAffinityCounts;
        PodMatchesOwnAffinity = podMatchesOwnAffinity;
    }

    /// <summary>The incoming pod.</summary>
    public PodInfo Pod { get; }

    /// <summary>Per topology pair, how many existing pods have a required anti-affinity term the incoming pod matches.</summary>
    public TopologyCounts ExistingAntiAffinityCounts { get; }

    /// <summary>Per topology pair, how many existing pods match all of the incoming pod's required affinity terms (one per term).</summary>
    public TopologyCounts AffinityCounts { get; }

    /// <summary>Per topology pair, how many existing pods match one of the incoming pod's required anti-affinity terms.</summary>
    public TopologyCounts AntiAffinityCounts { get; }

    /// <summary>True when the incoming pod matches all its own required affinity terms (the first pod of a group may go anywhere).</summary>
    public bool PodMatchesOwnAffinity { get; }

    /// <summary>Updates the counts as if <paramref name="other"/> were added to (1) or removed from (-1) <paramref name="node"/> (upstream's <c>updateWithPod</c>).</summary>
    public void UpdateWithPod(PodInfo other, NodeInfo node, long multiplier)
    {
        var labels = node.Node.Metadata.Labels;
        ExistingAntiAffinityCounts.UpdateWithAntiAffinityTerms(other.RequiredAntiAffinityTerms, Pod.Pod, labels, multiplier);
        AffinityCounts.UpdateWithAffinityTerms(Pod.RequiredAffinityTerms, other.Pod, labels, multiplier);
        AntiAffinityCounts.UpdateWithAntiAffinityTerms(Pod.RequiredAntiAffinityTerms, other.Pod, labels, multiplier);
    }

    /// <inheritdoc />
    public IStateData Clone() =>
        new PreFilterState(Pod, ExistingAntiAffinityCounts.Clone(), AffinityCounts.Clone(), AntiAffinityCounts.Clone(), PodMatchesOwnAffinity);
}
