using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Faults.Tests;

/// <summary>
/// What a converged cluster looks like after its faults stop: every node Ready, reachable, untainted
/// by the node lifecycle controller and schedulable; every Deployment at its desired count of ready
/// pods and no more; no pod left pending, Terminating or bound to a node that does not exist; each
/// kubelet runs exactly the pods the API server binds to it; every Service's endpoints, and every
/// kube-proxy's view of them, hold the Deployment's pods.
/// </summary>
internal static class ClusterConvergence
{
    /// <summary>Every way <paramref name="cluster"/> differs from converged; empty when converged.</summary>
    public static List<string> Problems(SimulatedCluster cluster)
    {
        var problems = new List<string>();
        var nodes = cluster.Api.List(Node.KindName).Cast<Node>().ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            var name = node.Metadata.Name;
            if (node.Status.Ready != NodeConditionStatus.True)
            {
                problems.Add($"{name} is Ready={node.Status.Ready}");
            }

            if (node.Spec.Taints.Any(t => t.Key is Taint.UnreachableKey or Taint.NotReadyKey))
            {
                problems.Add($"{name} keeps a node lifecycle taint");
            }

            if (node.Spec.Unschedulable)
            {
                problems.Add($"{name} is still cordoned");
            }

            if (cluster.Kubelets[name].IsDown || cluster.Kubelets[name].IsPartitioned)
            {
                problems.Add($"{name}'s kubelet is down or partitioned");
            }
        }

        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        foreach (var pod in pods)
        {
            if (!pod.IsBound)
            {
                problems.Add($"{pod.Key} is pending");
            }
            else if (!nodes.ContainsKey(pod.Spec.NodeName))
            {
                problems.Add($"{pod.Key} is bound to {pod.Spec.NodeName}, which does not exist");
            }
            else if (!cluster.Kubelets[pod.Spec.NodeName].Runs(pod.Metadata.Name))
            {
                problems.Add($"{pod.Key} is bound to {pod.Spec.NodeName}, whose kubelet does not run it");
            }

            if (!pod.IsActive)
            {
                problems.Add($"{pod.Key} is left {(pod.DeletionRequestedAt is not null ? "Terminating" : pod.Status.Phase.ToString())} on {pod.Spec.NodeName}");
            }
        }

        foreach (var (name, kubelet) in cluster.Kubelets)
        {
            var bound = pods.Count(p => p.Spec.NodeName == name);
            if (kubelet.RunningPods != bound)
            {
                problems.Add($"{name}'s kubelet runs {kubelet.RunningPods} pods, the API server binds {bound} to it");
            }
        }

        foreach (Deployment deployment in cluster.Api.List(Deployment.KindName))
        {
            var mine = pods.Where(p => p.Metadata.Namespace == deployment.Metadata.Namespace && deployment.Spec.Selector.Matches(p.Metadata.Labels)).ToList();
            var active = mine.Count(p => p.IsActive);
            var ready = mine.Count(p => p.IsActive && p.Status.IsReady);
            if (ready != deployment.Spec.Replicas || active != deployment.Spec.Replicas)
            {
                problems.Add($"{deployment.Key} has {ready} ready of {active} active pods, wants {deployment.Spec.Replicas}");
            }

            var service = new ObjectKey(Service.KindName, deployment.Metadata.Namespace, deployment.Metadata.Name);
            var endpoints = cluster.Api.Get<Endpoints>(new ObjectKey(Endpoints.KindName, deployment.Metadata.Namespace, deployment.Metadata.Name));
            if (endpoints is null || endpoints.Addresses.Length != deployment.Spec.Replicas)
            {
                problems.Add($"{service}'s endpoints hold {endpoints?.Addresses.Length ?? 0} addresses, want {deployment.Spec.Replicas}");
                continue;
            }

            foreach (var (node, proxy) in cluster.Proxies)
            {
                if (!proxy.Backends(service).SequenceEqual(endpoints.Addresses))
                {
                    problems.Add($"{node}'s kube-proxy sees {proxy.Backends(service).Length} backends of {service}, the API server {endpoints.Addresses.Length}");
                }
            }
        }

        return problems;
    }
}
