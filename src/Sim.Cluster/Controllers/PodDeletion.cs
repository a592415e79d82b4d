using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A pod DELETE with the default grace period, as the API server handles it: a pod that never
/// reached a node or has finished is removed at once (upstream deletes such pods without grace); a
/// running one is marked, and its kubelet stops its containers and removes it.
/// </summary>
internal static class PodDeletion
{
    /// <summary>Requests the deletion of the pod at <paramref name="key"/>; false if it is gone.</summary>
    public static bool Request(ApiClient api, ObjectKey key, SimTime now, string change)
    {
        var pod = api.Get<Pod>(key);
        if (pod is null)
        {
            return false;
        }

        if (pod.DeletionRequestedAt is not null)
        {
            return true;
        }

        return !pod.IsBound || pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed
            ? api.Delete(key, change: change).IsOk
            : api.Update(pod with { DeletionRequestedAt = now }, change).IsOk;
    }
}
