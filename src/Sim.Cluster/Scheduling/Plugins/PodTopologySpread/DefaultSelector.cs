using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>helper.DefaultSelector</c>: the selector of the pods that "belong together" with a pod,
/// merged from the Services whose selector matches it and from its controlling ReplicationController or
/// ReplicaSet. StatefulSets are not modelled in Sim, so a StatefulSet owner contributes nothing.
/// </summary>
internal static class DefaultSelector
{
    /// <summary>The merged selector for <paramref name="pod"/>; <see cref="LabelSelector.Everything"/> when nothing selects it.</summary>
    public static LabelSelector Of(Pod pod, ClusterLister lister)
    {
        var ns = pod.Metadata.Namespace;
        var labels = pod.Metadata.Labels;
        Dictionary<string, string>? set = null;
        foreach (var obj in lister.Services(ns))
        {
            // A Service without a selector matches no pod (Sim's empty selector is upstream's nil one).
            if (obj is Service { Selector.Count: > 0 } service && Selectors.Matches(service.Selector, labels))
            {
                set ??= new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in service.Selector)
                {
                    set[key] = value;
                }
            }
        }

        var selector = FromSet(set);
        if (pod.Owner is not { Controller: true } owner)
        {
            return selector;
        }

        switch (owner.Kind)
        {
            case ReplicationController.KindName:
                if (Find(lister.ReplicationControllers(ns), owner.Name) is ReplicationController rc)
                {
                    set ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, value) in rc.Spec.Selector)
                    {
                        set[key] = value;
                    }

                    selector = FromSet(set);
                }

                break;
            case ReplicaSet.KindName:
                if (Find(lister.ReplicaSets(ns), owner.Name) is ReplicaSet rs)
                {
                    // With no Service's labels, the merge is the ReplicaSet's own selector (its requirements
                    // are already sorted by key): hand that out rather than an equal copy.
                    selector = ReferenceEquals(selector, LabelSelector.Everything) && !rs.Spec.Selector.MatchesNothing
                        ? rs.Spec.Selector
                        : selector.Add(rs.Spec.Selector.Requirements);
                }

                break;
        }

        return selector;
    }

    private static LabelSelector FromSet(Dictionary<string, string>? set) =>
        set is null || set.Count == 0 ? LabelSelector.Everything : LabelSelector.FromSet(LabelSet.Create(set));

    /// <summary>The object named <paramref name="name"/> in a lister's list, which is sorted by key (so by name within one kind and namespace).</summary>
    private static ApiObject? Find(IReadOnlyList<ApiObject> objects, string name)
    {
        int lo = 0, hi = objects.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var cmp = string.CompareOrdinal(objects[mid].Metadata.Name, name);
            if (cmp == 0)
            {
                return objects[mid];
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }
}
