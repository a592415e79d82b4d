using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeAffinity;

/// <summary>Short builders for the node affinity objects of upstream's tables.</summary>
internal static class Na
{
    public static NodeSelectorRequirement Req(string key, SelectorOperator op, params string[] values) => new(key, op, [.. values]);

    /// <summary>A term with these <c>matchExpressions</c>.</summary>
    public static NodeSelectorTerm Exprs(params NodeSelectorRequirement[] requirements) => new() { MatchExpressions = [.. requirements] };

    /// <summary>A term with these <c>matchFields</c>.</summary>
    public static NodeSelectorTerm Fields(params NodeSelectorRequirement[] requirements) => new() { MatchFields = [.. requirements] };

    /// <summary>A <c>metadata.name In (name)</c> field requirement.</summary>
    public static NodeSelectorRequirement NameIn(params string[] names) => Req("metadata.name", SelectorOperator.In, names);

    public static Cluster.Objects.Scheduling.NodeAffinity Required(params NodeSelectorTerm[] terms) => new() { Required = [.. terms] };

    public static Cluster.Objects.Scheduling.NodeAffinity Preferred(params PreferredSchedulingTerm[] terms) => new() { Preferred = [.. terms] };

    public static PreferredSchedulingTerm Weighted(int weight, NodeSelectorTerm term) => new(weight, term);

    /// <summary>A pod (named "pod", namespace "default") with this node affinity and node selector.</summary>
    public static Pod Pod(Cluster.Objects.Scheduling.NodeAffinity? affinity = null, IReadOnlyDictionary<string, string>? nodeSelector = null) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec
        {
            Affinity = affinity is null ? null : new Affinity { NodeAffinity = affinity },
            NodeSelector = nodeSelector is null
                ? ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)
                : nodeSelector.ToImmutableSortedDictionary(StringComparer.Ordinal),
        },
    };

    /// <summary>A node with only a name and these labels (no hostname label), as upstream's tables build them.</summary>
    public static Node Node(string name, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = (labels ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
        },
    };

    /// <summary>A label map from pairs.</summary>
    public static Dictionary<string, string> L(params (string Key, string Value)[] labels) => labels.ToDictionary(l => l.Key, l => l.Value);
}
