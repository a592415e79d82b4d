using System.Runtime.CompilerServices;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// What the NodeAffinity plugin derives from a pod spec, parsed once per spec object and shared by the
/// pods made from it (a workload's replicas share their template's spec until bound): the required
/// selector and affinity, the node names of <c>metadata.name</c> matchFields, and the preferred terms.
/// </summary>
internal sealed class PodNodeAffinity
{
    private static readonly ConditionalWeakTable<PodSpec, PodNodeAffinity> Cache = [];

    private PodNodeAffinity(PodSpec spec)
    {
        var nodeAffinity = spec.Affinity?.NodeAffinity;
        HasRequiredAffinity = nodeAffinity is { Required.IsDefaultOrEmpty: false };
        Required = new RequiredNodeAffinity(
            [.. spec.NodeSelector],
            HasRequiredAffinity ? CompiledNodeSelector.Parse(nodeAffinity!.Required, "nodeSelectorTerms") : null);
        if (HasRequiredAffinity)
        {
            (PreFilterResult, NodeNamesConflict) = NodeNames(nodeAffinity!);
        }

        if (nodeAffinity is { Preferred.IsDefaultOrEmpty: false })
        {
            var errors = new List<string>();
            Preferred = PreferredSchedulingTerms.Parse(nodeAffinity.Preferred, string.Empty, errors);
            PreferredError = errors.Count == 0 ? null : FieldPath.Aggregate(errors);
        }
    }

    /// <summary>True when the pod has required node affinity terms.</summary>
    public bool HasRequiredAffinity { get; }

    /// <summary>The node selector and required affinity.</summary>
    public RequiredNodeAffinity Required { get; }

    /// <summary>The nodes named by <c>metadata.name In</c> matchFields in every term, or null when some term names none.</summary>
    public PreFilterResult? PreFilterResult { get; }

    /// <summary>True when the terms' node names rule out every node.</summary>
    public bool NodeNamesConflict { get; }

    /// <summary>The preferred terms; null when the pod has none or they failed to parse.</summary>
    public PreferredSchedulingTerms? Preferred { get; }

    /// <summary>Why the preferred terms failed to parse, or null.</summary>
    public string? PreferredError { get; }

    /// <summary>The parsed affinity of <paramref name="spec"/>, from the cache when that spec object was seen before.</summary>
    public static PodNodeAffinity For(PodSpec spec) => Cache.GetValue(spec, static s => new PodNodeAffinity(s));

    /// <summary>
    /// Upstream's PreFilter node-name logic: within a term the name sets of <c>metadata.name In</c>
    /// requirements are intersected; over the terms (ORed) they are united; a term without one allows every node.
    /// </summary>
    private static (PreFilterResult? Result, bool Conflict) NodeNames(Cluster.Objects.Scheduling.NodeAffinity affinity)
    {
        HashSet<string>? nodeNames = null;
        foreach (var term in affinity.Required)
        {
            HashSet<string>? termNodeNames = null;
            foreach (var requirement in term.MatchFields)
            {
                if (requirement.Key == "metadata.name" && requirement.Operator == SelectorOperator.In)
                {
                    var names = new HashSet<string>(requirement.Values.IsDefault ? [] : requirement.Values, StringComparer.Ordinal);
                    if (termNodeNames is null)
                    {
                        termNodeNames = names;
                    }
                    else
                    {
                        termNodeNames.IntersectWith(names);
                    }
                }
            }

            if (termNodeNames is null)
            {
                return (null, false);
            }

            nodeNames ??= new HashSet<string>(StringComparer.Ordinal);
            nodeNames.UnionWith(termNodeNames);
        }

        if (nodeNames is { Count: 0 })
        {
            return (null, true);
        }

        return nodeNames is null ? (null, false) : (new PreFilterResult(nodeNames), false);
    }
}
