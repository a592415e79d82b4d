using Sim.Cluster.Api;

namespace Sim.Scheduling;

/// <summary>
/// The pods nominated to run on a node after preemption made room (upstream's nominator): their
/// requests are counted when pods of equal or lower priority are filtered against that node.
/// </summary>
public sealed class Nominator
{
    private readonly Dictionary<string, List<PodInfo>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, string> _nodeOf = [];

    /// <summary>The number of nominated pods.</summary>
    public int Count => _nodeOf.Count;

    /// <summary>The pods nominated to <paramref name="node"/>, in nomination order.</summary>
    public IReadOnlyList<PodInfo> NominatedPodsForNode(string node) =>
        _byNode.TryGetValue(node, out var pods) ? pods : [];

    /// <summary>The node <paramref name="pod"/> is nominated to, or null.</summary>
    public string? NominatedNodeOf(ObjectKey pod) => _nodeOf.GetValueOrDefault(pod);

    /// <summary>Nominates <paramref name="pod"/> to <paramref name="node"/> (replacing an earlier nomination); an empty node removes it.</summary>
    public void Add(PodInfo pod, string node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Remove(pod.Pod.Key);
        if (string.IsNullOrEmpty(node))
        {
            return;
        }

        _nodeOf[pod.Pod.Key] = node;
        if (!_byNode.TryGetValue(node, out var pods))
        {
            pods = [];
            _byNode.Add(node, pods);
        }

        pods.Add(pod);
    }

    /// <summary>Forgets the nomination of the pod at <paramref name="key"/>.</summary>
    public void Remove(ObjectKey key)
    {
        if (_nodeOf.Count == 0 || !_nodeOf.Remove(key, out var node))
        {
            return;
        }

        var pods = _byNode[node];
        for (var i = pods.Count - 1; i >= 0; i--)
        {
            if (pods[i].Pod.Key == key)
            {
                pods.RemoveAt(i);
            }
        }

        if (pods.Count == 0)
        {
            _byNode.Remove(node);
        }
    }
}
