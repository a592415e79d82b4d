using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// A topology spread constraint as the plugin uses it (upstream's internal <c>topologySpreadConstraint</c>):
/// the selector with <c>matchLabelKeys</c> merged in (or the owners' selector for a default constraint),
/// minDomains and the node inclusion policies with their defaults applied.
/// </summary>
/// <param name="MaxSkew">The largest allowed skew.</param>
/// <param name="TopologyKey">The node label that defines the domains.</param>
/// <param name="Selector">Which pods are counted.</param>
/// <param name="MinDomains">With fewer eligible domains than this, the global minimum counts as 0 (1 when unset).</param>
/// <param name="NodeAffinityPolicy">Whether only nodes matching the pod's required node affinity count.</param>
/// <param name="NodeTaintsPolicy">Whether only nodes whose NoSchedule/NoExecute taints the pod tolerates count.</param>
internal sealed record SpreadConstraint(
    int MaxSkew,
    string TopologyKey,
    LabelSelector Selector,
    int MinDomains,
    NodeInclusionPolicy NodeAffinityPolicy,
    NodeInclusionPolicy NodeTaintsPolicy)
{
    /// <summary>True for <c>kubernetes.io/hostname</c>, whose counts Score takes per node.</summary>
    public bool IsHostname { get; } = TopologyKey == Node.HostnameLabel;

    /// <summary>Upstream's <c>matchNodeInclusionPolicies</c>: whether <paramref name="node"/> takes part in this constraint's counts.</summary>
    public bool MatchNodeInclusionPolicies(Pod pod, Node node, RequiredNodeAffinity affinity) =>
        (NodeAffinityPolicy != NodeInclusionPolicy.Honor || affinity.Matches(node))
        && (NodeTaintsPolicy != NodeInclusionPolicy.Honor || TaintToleration.TaintToleration.FindUntoleratedDoNotScheduleTaint(node.Spec.Taints, pod.Spec.Tolerations) is null);
}
