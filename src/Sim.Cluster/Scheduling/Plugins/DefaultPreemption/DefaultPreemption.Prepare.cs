using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>Acting on the chosen candidate.</summary>
public sealed partial class DefaultPreemption
{
    /// <summary>
    /// Upstream's <c>prepareCandidate</c>: each victim not already terminating is deleted gracefully
    /// (its deletion requested, with the preemption reason, so the kubelet stops it within its grace
    /// period) or, when it waits at Permit, rejected there; then lower-priority pods nominated to the
    /// node lose their nomination. Does nothing
    /// without an API client (offline evaluation). A victim already gone is skipped, as upstream
    /// ignores NotFound; the in-process API cannot fail otherwise, so this always succeeds.
    /// </summary>
    public Status PrepareCandidate(PreemptionCandidate candidate, Pod preemptor)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(preemptor);
        if (_handle.Client is not { } client)
        {
            return Status.Success;
        }

        var now = _handle.Now;
        var message = $"{preemptor.Spec.SchedulerName}: preempting to accommodate a higher priority pod";
        var change = $"preempted by {preemptor.Metadata.Namespace}/{preemptor.Metadata.Name} on node {candidate.NodeName}";
        foreach (var victim in candidate.Victims)
        {
            if (victim.DeletionRequestedAt is not null)
            {
                continue; // graceful deletion already started
            }

            // A victim held at Permit is rejected there instead (it is un-assumed and requeued).
            if (_handle.WaitingPods.Get(victim.Key) is { } waiting)
            {
                waiting.Reject(PluginName, "preempted");
                continue;
            }

            var current = client.Get<Pod>(victim.Key);
            if (current is null || current.Metadata.Uid != victim.Metadata.Uid || current.DeletionRequestedAt is not null)
            {
                continue;
            }

            client.Modify<Pod>(
                victim.Key,
                p => p with { DeletionRequestedAt = now, Status = p.Status with { Reason = PreemptionByScheduler, Message = message } },
                change);
        }

        // Lower-priority pods nominated to this node may no longer fit there: clearing their nomination
        // sends them back to the active queue to look elsewhere sooner.
        var priority = preemptor.Spec.Priority;
        var lower = new List<PodInfo>();
        foreach (var nominated in _handle.Nominator.NominatedPodsForNode(candidate.NodeName))
        {
            if (nominated.Pod.Spec.Priority < priority)
            {
                lower.Add(nominated);
            }
        }

        foreach (var nominated in lower)
        {
            _handle.Nominator.Remove(nominated.Pod.Key);
            var current = client.Get<Pod>(nominated.Pod.Key);
            if (current is null || current.Metadata.Uid != nominated.Pod.Metadata.Uid || current.Status.NominatedNodeName.Length == 0)
            {
                continue;
            }

            client.Modify<Pod>(
                nominated.Pod.Key,
                p => p with { Status = p.Status with { NominatedNodeName = string.Empty } },
                "nomination cleared (a higher priority pod preempted on its node)");
        }

        return Status.Success;
    }
}
