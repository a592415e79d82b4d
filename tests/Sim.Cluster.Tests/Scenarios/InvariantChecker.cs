using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// Cluster invariants, checked from the API server's state: no node's bound, active pods request more
/// than its allocatable; no pod ever moves from one node to another; a finished pod never comes back.
/// </summary>
internal sealed class InvariantChecker(ApiServer api)
{
    private readonly Dictionary<long, string> _boundTo = [];
    private readonly HashSet<long> _finished = [];

    public int Checks { get; private set; }

    public void Check()
    {
        Checks++;
        var used = new Dictionary<string, ResourceList>(StringComparer.Ordinal);
        foreach (Pod pod in api.List(Pod.KindName))
        {
            var uid = pod.Metadata.Uid;
            if (pod.IsBound)
            {
                if (_boundTo.TryGetValue(uid, out var node) && node != pod.Spec.NodeName)
                {
                    Assert.Fail($"{pod.Key} moved from {node} to {pod.Spec.NodeName} at {api.Simulation.Now}");
                }

                _boundTo[uid] = pod.Spec.NodeName;
                if (pod.Status.Phase is not (PodPhase.Succeeded or PodPhase.Failed))
                {
                    used[pod.Spec.NodeName] = (used.GetValueOrDefault(pod.Spec.NodeName) ?? ResourceList.Empty).Add(pod.Spec.Requests());
                }
            }

            if (pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed)
            {
                _finished.Add(uid);
            }
            else if (_finished.Contains(uid))
            {
                Assert.Fail($"{pod.Key} left phase {pod.Status.Phase} after finishing, at {api.Simulation.Now}");
            }
        }

        foreach (var (nodeName, requests) in used)
        {
            var allocatable = api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, nodeName))!.Status.Allocatable;
            if (requests.MilliCpu > allocatable.MilliCpu || requests.Memory > allocatable.Memory)
            {
                Assert.Fail($"{nodeName} holds {requests} beyond its allocatable {allocatable} at {api.Simulation.Now}");
            }
        }
    }
}
