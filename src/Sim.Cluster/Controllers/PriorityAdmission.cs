using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The Priority admission plugin: a new pod's <c>priorityClassName</c> is resolved to its class's
/// value; a pod without one gets the global-default class (the one created first, if several) or
/// priority 0. The two system classes exist from the start. A pod naming a class that does not exist
/// is refused, as the API server refuses it (<c>no PriorityClass with name … was found</c>).
/// </summary>
public static class PriorityAdmission
{
    /// <summary>Creates the built-in classes and installs the admission step on <paramref name="api"/>.</summary>
    public static void Register(ApiServer api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.Create(new PriorityClass { Metadata = new ObjectMeta { Name = PriorityClass.SystemClusterCritical }, Value = 2_000_000_000 }, "apiserver", "built-in");
        api.Create(new PriorityClass { Metadata = new ObjectMeta { Name = PriorityClass.SystemNodeCritical }, Value = 2_000_001_000 }, "apiserver", "built-in");
        var fallback = new FallbackCache();
        api.AddAdmission(Pod.KindName, obj => Resolve(api, (Pod)obj, fallback));
        api.SetValidation(PriorityClass.KindName, obj => obj.Metadata.Name.StartsWith("system-", StringComparison.Ordinal)
            && obj.Metadata.Name is not (PriorityClass.SystemClusterCritical or PriorityClass.SystemNodeCritical)
                ? ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved"]
                : ((PriorityClass)obj).Value > 1_000_000_000 && obj.Metadata.Name is not (PriorityClass.SystemClusterCritical or PriorityClass.SystemNodeCritical)
                    ? ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"]
                    : []);
    }

    private static Pod Resolve(ApiServer api, Pod pod, FallbackCache cache)
    {
        var name = pod.Spec.PriorityClassName;
        if (name.Length != 0)
        {
            var priorityClass = api.Get<PriorityClass>(new ObjectKey(PriorityClass.KindName, string.Empty, name));

            // An unknown class leaves a marker that validation reports with the field's name.
            return priorityClass is null
                ? pod with { Spec = pod.Spec with { Priority = int.MinValue } }
                : pod with { Spec = pod.Spec with { Priority = priorityClass.Value, PreemptionPolicy = PolicyOf(priorityClass) } };
        }

        var fallback = cache.Get(api);
        return fallback is null
            ? pod
            : pod with { Spec = pod.Spec with { Priority = fallback.Value, PriorityClassName = fallback.Metadata.Name, PreemptionPolicy = PolicyOf(fallback) } };
    }

    /// <summary>
    /// The global default created first; among several created at the same time, the first in key order
    /// (what a walk over the key-ordered list finds). No list is built per pod, and the classes are walked
    /// again only after a write to one of them.
    /// </summary>
    internal static PriorityClass? GlobalDefault(ApiServer api)
    {
        PriorityClass? fallback = null;
        foreach (PriorityClass candidate in api.Values(PriorityClass.KindName))
        {
            if (candidate.GlobalDefault
                && (fallback is null
                    || candidate.Metadata.CreatedAt < fallback.Metadata.CreatedAt
                    || (candidate.Metadata.CreatedAt == fallback.Metadata.CreatedAt && candidate.Key.CompareTo(fallback.Key) < 0)))
            {
                fallback = candidate;
            }
        }

        return fallback;
    }

    private static PreemptionPolicy PolicyOf(PriorityClass priorityClass) =>
        priorityClass.PreemptLowerPriority ? PreemptionPolicy.PreemptLowerPriority : PreemptionPolicy.Never;

    /// <summary>The global default as of the priority classes' last write (see <see cref="ApiServer.LastWriteOf"/>).</summary>
    private sealed class FallbackCache
    {
        private long _version = -1;
        private PriorityClass? _fallback;

        public PriorityClass? Get(ApiServer api)
        {
            var version = api.LastWriteOf(PriorityClass.KindName);
            if (version != _version)
            {
                _fallback = GlobalDefault(api);
                _version = version;
            }

            return _fallback;
        }
    }
}
