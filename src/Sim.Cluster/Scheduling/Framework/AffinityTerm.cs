using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling;

/// <summary>
/// A pod (anti-)affinity term resolved for matching (upstream's <c>framework.AffinityTerm</c>): the
/// namespaces (the owning pod's own when the term names none), the selector and the topology key.
/// </summary>
public sealed class AffinityTerm
{
    private readonly ImmutableArray<string> _namespaces;

    /// <summary>Resolves <paramref name="term"/> of a pod in <paramref name="podNamespace"/>.</summary>
    public AffinityTerm(PodAffinityTerm term, string podNamespace)
    {
        ArgumentNullException.ThrowIfNull(term);
        Selector = term.LabelSelector;
        TopologyKey = term.TopologyKey;
        _namespaces = term.Namespaces.IsDefaultOrEmpty ? [podNamespace ?? string.Empty] : term.Namespaces;
    }

    /// <summary>Which pods the term matches, by label.</summary>
    public LabelSelector Selector { get; }

    /// <summary>The node label that defines a domain.</summary>
    public string TopologyKey { get; }

    /// <summary>The namespaces the matching pods must be in.</summary>
    public ImmutableArray<string> Namespaces => _namespaces;

    /// <summary>True when <paramref name="pod"/> is in one of the namespaces and its labels match the selector.</summary>
    public bool Matches(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Metadata.Namespace;
        var inNamespace = false;
        foreach (var candidate in _namespaces)
        {
            if (string.Equals(candidate, ns, StringComparison.Ordinal))
            {
                inNamespace = true;
                break;
            }
        }

        return inNamespace && Selector.Matches(pod.Metadata.Labels);
    }
}

/// <summary>A preferred affinity term with its weight.</summary>
/// <param name="Weight">The weight (1–100).</param>
/// <param name="Term">The term.</param>
public sealed record WeightedAffinityTerm(int Weight, AffinityTerm Term);
