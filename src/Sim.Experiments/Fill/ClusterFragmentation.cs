using System.Collections.Immutable;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;

namespace Sim.Experiments.Fill;

/// <summary>The cluster's fragmentation Σ_n F_n(M), kept per node, recomputed for the node that changed, summed in node order.</summary>
internal sealed class ClusterFragmentation
{
    private readonly Snapshot _snapshot;
    private readonly TypicalPod[] _workload;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly double[] _byNode;

    public ClusterFragmentation(Snapshot snapshot, ImmutableArray<TypicalPod> workload)
    {
        _snapshot = snapshot;
        _workload = [.. workload];
        var nodes = snapshot.NodeInfos;
        _byNode = new double[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            _index[nodes[i].Name] = i;
            _byNode[i] = Of(nodes[i]);
        }

        Sum();
    }

    /// <summary>Σ_n F_n(M), milli-GPU.</summary>
    public double Total { get; private set; }

    /// <summary>Recomputes the node <paramref name="name"/>.</summary>
    public void Update(string name)
    {
        _byNode[_index[name]] = Of(_snapshot.Get(name)!);
        Sum();
    }

    private void Sum()
    {
        double total = 0;
        foreach (var f in _byNode)
        {
            total += f;
        }

        Total = total;
    }

    private double Of(NodeInfo node) => Fragmentation.OfNode(GpuNodeState.Of(node), _workload);
}
