using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// Fluent builders for scheduler tests, after upstream's <c>st.MakePod()</c> and <c>st.MakeNode()</c>
/// (<c>pkg/scheduler/testing/wrappers.go</c>). Resource maps use Kubernetes quantity strings.
/// </summary>
internal static class St
{
    public static PodWrapper MakePod() => new();

    public static NodeWrapper MakeNode() => new();

    /// <summary>A resource list from quantity strings, e.g. <c>Res(("cpu", "100m"), ("memory", "1Gi"))</c>.</summary>
    public static ResourceList Res(params (string Name, string Quantity)[] amounts)
    {
        if (!ResourceList.TryParse(amounts.Select(a => KeyValuePair.Create(a.Name, a.Quantity)), "test", out var list, out var errors))
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        return list;
    }
}

internal sealed class PodWrapper
{
    private Pod _pod = new() { Metadata = new ObjectMeta { Name = string.Empty, Namespace = "default" } };

    public Pod Obj() => _pod;

    public PodInfo Info() => new(_pod);

    public PodWrapper Name(string name) => Meta(m => m with { Name = name });

    public PodWrapper Namespace(string ns) => Meta(m => m with { Namespace = ns });

    public PodWrapper Uid(long uid) => Meta(m => m with { Uid = uid });

    public PodWrapper Label(string key, string value) => Meta(m => m with { Labels = m.Labels.SetItem(key, value) });

    public PodWrapper Labels(IReadOnlyDictionary<string, string> labels) => Meta(m => m with { Labels = m.Labels.SetItems(labels) });

    public PodWrapper CreatedAt(Engine.SimTime time) => Meta(m => m with { CreatedAt = time });

    public PodWrapper Node(string nodeName) => Spec(s => s with { NodeName = nodeName });

    public PodWrapper SchedulerName(string name) => Spec(s => s with { SchedulerName = name });

    public PodWrapper Priority(int priority) => Spec(s => s with { Priority = priority });

    public PodWrapper PreemptionPolicy(PreemptionPolicy policy) => Spec(s => s with { PreemptionPolicy = policy });

    public PodWrapper NominatedNodeName(string node) => Status(s => s with { NominatedNodeName = node });

    public PodWrapper Phase(PodPhase phase) => Status(s => s with { Phase = phase });

    public PodWrapper StartedAt(Engine.SimTime time) => Status(s => s with { StartedAt = time });

    public PodWrapper Terminating(Engine.SimTime at = default) => With(p => p with { DeletionRequestedAt = at });

    public PodWrapper SchedulingGates(params string[] gates) => Spec(s => s with { SchedulingGates = [.. gates] });

    /// <summary>Adds a container with these requests (quantity strings), as upstream's <c>Req</c>.</summary>
    public PodWrapper Req(params (string Name, string Quantity)[] requests) => Container(St.Res(requests));

    /// <summary>Adds a container with these requests.</summary>
    public PodWrapper Container(ResourceList requests, string? image = null) =>
        Spec(s => s with { Containers = s.Containers.Add(new Cluster.Container($"c{s.Containers.Length}", requests, Image: image)) });

    /// <summary>Adds a container running <paramref name="image"/> with no requests.</summary>
    public PodWrapper ContainerImage(string image) => Container(ResourceList.Empty, image);

    /// <summary>Adds an init container with these requests (quantity strings).</summary>
    public PodWrapper InitReq(params (string Name, string Quantity)[] requests) =>
        Spec(s => s with { InitContainers = s.InitContainers.Add(new Cluster.Container($"init{s.InitContainers.Length}", St.Res(requests))) });

    /// <summary>Adds an init container running <paramref name="image"/>.</summary>
    public PodWrapper InitContainerImage(string image) =>
        Spec(s => s with { InitContainers = s.InitContainers.Add(new Cluster.Container($"init{s.InitContainers.Length}", ResourceList.Empty, Image: image)) });

    /// <summary>Adds a sidecar (restartable init container) with these requests.</summary>
    public PodWrapper SidecarReq(params (string Name, string Quantity)[] requests) =>
        Spec(s => s with { InitContainers = s.InitContainers.Add(new Cluster.Container($"sidecar{s.InitContainers.Length}", St.Res(requests), RestartAlways: true)) });

    public PodWrapper Overhead(params (string Name, string Quantity)[] amounts) => Spec(s => s with { Overhead = St.Res(amounts) });

    /// <summary>Adds a container claiming a host port.</summary>
    public PodWrapper ContainerPort(params Cluster.ContainerPort[] ports) =>
        Spec(s => s with { Containers = s.Containers.Add(new Cluster.Container($"c{s.Containers.Length}", ResourceList.Empty) { Ports = [.. ports] }) });

    public PodWrapper NodeSelector(IReadOnlyDictionary<string, string> selector) =>
        Spec(s => s with { NodeSelector = s.NodeSelector.SetItems(selector) });

    public PodWrapper Toleration(Toleration toleration) => Spec(s => s with { Tolerations = s.Tolerations.Add(toleration) });

    public PodWrapper NodeAffinity(NodeAffinity affinity) =>
        Spec(s => s with { Affinity = (s.Affinity ?? new Affinity()) with { NodeAffinity = affinity } });

    /// <summary>A required node affinity term <c>key In values</c>, as upstream's <c>NodeAffinityIn</c>.</summary>
    public PodWrapper NodeAffinityIn(string key, params string[] values) =>
        RequiredNodeTerm(new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement(key, SelectorOperator.In, [.. values])] });

    /// <summary>A required node affinity term <c>key NotIn values</c>.</summary>
    public PodWrapper NodeAffinityNotIn(string key, params string[] values) =>
        RequiredNodeTerm(new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement(key, SelectorOperator.NotIn, [.. values])] });

    /// <summary>Appends a required node selector term (terms are ORed).</summary>
    public PodWrapper RequiredNodeTerm(NodeSelectorTerm term) => Spec(s =>
    {
        var affinity = s.Affinity ?? new Affinity();
        var node = affinity.NodeAffinity ?? new NodeAffinity();
        return s with { Affinity = affinity with { NodeAffinity = node with { Required = node.Required.Add(term) } } };
    });

    /// <summary>Adds a required pod affinity term with a selector (label selector syntax, e.g. <c>"app=web"</c>).</summary>
    public PodWrapper PodAffinity(string topologyKey, string selector, params string[] namespaces) =>
        PodAffinityRules(anti: false, r => r with { Required = r.Required.Add(Term(topologyKey, selector, namespaces)) });

    /// <summary>Adds a required pod anti-affinity term.</summary>
    public PodWrapper PodAntiAffinity(string topologyKey, string selector, params string[] namespaces) =>
        PodAffinityRules(anti: true, r => r with { Required = r.Required.Add(Term(topologyKey, selector, namespaces)) });

    /// <summary>Adds a preferred pod affinity term.</summary>
    public PodWrapper PreferredPodAffinity(int weight, string topologyKey, string selector, params string[] namespaces) =>
        PodAffinityRules(anti: false, r => r with { Preferred = r.Preferred.Add(new WeightedPodAffinityTerm(weight, Term(topologyKey, selector, namespaces))) });

    /// <summary>Adds a preferred pod anti-affinity term.</summary>
    public PodWrapper PreferredPodAntiAffinity(int weight, string topologyKey, string selector, params string[] namespaces) =>
        PodAffinityRules(anti: true, r => r with { Preferred = r.Preferred.Add(new WeightedPodAffinityTerm(weight, Term(topologyKey, selector, namespaces))) });

    /// <summary>Adds a topology spread constraint with a selector in label selector syntax (null = a nil selector, which matches nothing).</summary>
    public PodWrapper SpreadConstraint(int maxSkew, string topologyKey, WhenUnsatisfiable mode, string? selector, int? minDomains = null,
        NodeInclusionPolicy nodeAffinityPolicy = NodeInclusionPolicy.Honor, NodeInclusionPolicy nodeTaintsPolicy = NodeInclusionPolicy.Ignore, params string[] matchLabelKeys) =>
        Spec(s => s with
        {
            TopologySpreadConstraints = s.TopologySpreadConstraints.Add(new TopologySpreadConstraint(
                maxSkew, topologyKey, mode, selector is null ? LabelSelector.Nothing : LabelSelector.Parse(selector), minDomains, nodeAffinityPolicy, nodeTaintsPolicy, [.. matchLabelKeys])),
        });

    public PodWrapper OwnerReference(string kind, string name) => With(p => p with { Owner = new OwnerReference(kind, name, 0) });

    public PodWrapper With(Func<Pod, Pod> change)
    {
        _pod = change(_pod);
        return this;
    }

    private static PodAffinityTerm Term(string topologyKey, string selector, string[] namespaces) =>
        new(LabelSelector.Parse(selector), topologyKey, namespaces.Length == 0 ? default : [.. namespaces]);

    private PodWrapper PodAffinityRules(bool anti, Func<PodAffinityRules, PodAffinityRules> change) => Spec(s =>
    {
        var affinity = s.Affinity ?? new Affinity();
        return anti
            ? s with { Affinity = affinity with { PodAntiAffinity = change(affinity.PodAntiAffinity ?? new PodAffinityRules()) } }
            : s with { Affinity = affinity with { PodAffinity = change(affinity.PodAffinity ?? new PodAffinityRules()) } };
    });

    private PodWrapper Meta(Func<ObjectMeta, ObjectMeta> change) => With(p => p with { Metadata = change(p.Metadata) });

    private PodWrapper Spec(Func<PodSpec, PodSpec> change) => With(p => p with { Spec = change(p.Spec) });

    private PodWrapper Status(Func<PodStatus, PodStatus> change) => With(p => p with { Status = change(p.Status) });
}

internal sealed class NodeWrapper
{
    private Node _node = new() { Metadata = new ObjectMeta { Name = string.Empty } };

    public Node Obj() => _node;

    /// <summary>Names the node and sets its <c>kubernetes.io/hostname</c> label, as upstream's wrapper.</summary>
    public NodeWrapper Name(string name) => Meta(m => m with { Name = name, Labels = m.Labels.SetItem(Node.HostnameLabel, name) });

    public NodeWrapper Label(string key, string value) => Meta(m => m with { Labels = m.Labels.SetItem(key, value) });

    /// <summary>Sets capacity and allocatable from quantity strings, as upstream's <c>Capacity</c>.</summary>
    public NodeWrapper Capacity(params (string Name, string Quantity)[] amounts)
    {
        var list = St.Res(amounts);
        return Status(s => s with { Capacity = list, Allocatable = list });
    }

    public NodeWrapper Allocatable(ResourceList list) => Status(s => s with { Allocatable = list });

    public NodeWrapper Taints(params Taint[] taints) => With(n => n with { Spec = n.Spec with { Taints = [.. taints] } });

    public NodeWrapper Unschedulable(bool unschedulable = true) => With(n => n with { Spec = n.Spec with { Unschedulable = unschedulable } });

    public NodeWrapper Images(params (string Name, long Size)[] images) =>
        Status(s => s with { Images = [.. images.Select(i => new ContainerImage(i.Name, i.Size))] });

    public NodeWrapper With(Func<Node, Node> change)
    {
        _node = change(_node);
        return this;
    }

    private NodeWrapper Meta(Func<ObjectMeta, ObjectMeta> change) => With(n => n with { Metadata = change(n.Metadata) });

    private NodeWrapper Status(Func<NodeStatus, NodeStatus> change) => With(n => n with { Status = change(n.Status) });
}
