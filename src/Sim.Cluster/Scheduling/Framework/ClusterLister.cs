using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Scheduling;

/// <summary>
/// The other objects plugins read (Services, ReplicationControllers, ReplicaSets, PodDisruptionBudgets),
/// as the scheduler's informers hold them. The running scheduler keeps it current from watches; tests
/// and <c>sim explain</c> fill it directly.
/// </summary>
public sealed class ClusterLister
{
    private readonly Dictionary<string, SortedDictionary<ObjectKey, ApiObject>> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Namespace), ApiObject[]> _namespaceCache = [];

    /// <summary>An empty lister.</summary>
    public ClusterLister()
    {
    }

    /// <summary>A lister holding <paramref name="objects"/>.</summary>
    public ClusterLister(IEnumerable<ApiObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var obj in objects)
        {
            Set(obj);
        }
    }

    /// <summary>Adds or replaces an object.</summary>
    public void Set(ApiObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!_byKind.TryGetValue(obj.Kind, out var objects))
        {
            objects = [];
            _byKind.Add(obj.Kind, objects);
        }

        objects[obj.Key] = obj;
        _namespaceCache.Remove((obj.Kind, obj.Metadata.Namespace));
    }

    /// <summary>Removes an object.</summary>
    public void Remove(ObjectKey key)
    {
        if (_byKind.TryGetValue(key.Kind, out var objects) && objects.Remove(key))
        {
            _namespaceCache.Remove((key.Kind, key.Namespace));
        }
    }

    /// <summary>The Services in <paramref name="ns"/>.</summary>
    public IReadOnlyList<ApiObject> Services(string ns) => InNamespace(Service.KindName, ns);

    /// <summary>The ReplicationControllers in <paramref name="ns"/>.</summary>
    public IReadOnlyList<ApiObject> ReplicationControllers(string ns) => InNamespace(ReplicationController.KindName, ns);

    /// <summary>The ReplicaSets in <paramref name="ns"/>.</summary>
    public IReadOnlyList<ApiObject> ReplicaSets(string ns) => InNamespace(ReplicaSet.KindName, ns);

    /// <summary>The PodDisruptionBudgets in <paramref name="ns"/>.</summary>
    public IReadOnlyList<ApiObject> PodDisruptionBudgets(string ns) => InNamespace(PodDisruptionBudget.KindName, ns);

    /// <summary>Every PodDisruptionBudget.</summary>
    public IEnumerable<PodDisruptionBudget> AllPodDisruptionBudgets() =>
        _byKind.TryGetValue(PodDisruptionBudget.KindName, out var objects) ? objects.Values.Cast<PodDisruptionBudget>() : [];

    /// <summary>The objects of <paramref name="kind"/> in <paramref name="ns"/>, in key order.</summary>
    public IReadOnlyList<ApiObject> InNamespace(string kind, string ns)
    {
        if (_namespaceCache.TryGetValue((kind, ns), out var cached))
        {
            return cached;
        }

        // Rebuilt after every change of the kind in the namespace (e.g. each ReplicaSet status write),
        // so without a closure and iterator per rebuild.
        ApiObject[] list = [];
        if (_byKind.TryGetValue(kind, out var objects))
        {
            list = new ApiObject[objects.Count];
            var count = 0;
            foreach (var (_, obj) in objects)
            {
                if (obj.Metadata.Namespace == ns)
                {
                    list[count++] = obj;
                }
            }

            Array.Resize(ref list, count);
        }

        _namespaceCache[(kind, ns)] = list;
        return list;
    }
}
