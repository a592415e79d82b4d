using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// Which pods a count counts, compared by value so that pods sharing a selector share one count: a pod
/// matches when, for every conjunct, it is in one of the conjunct's namespaces and its labels match the
/// conjunct's selector (one conjunct for a spread constraint or an affinity term; one per term for a
/// pod's required affinity terms, which are ANDed). Terminating pods count only for inter-pod affinity.
/// </summary>
internal sealed class PodMatcher : IEquatable<PodMatcher>
{
    private readonly ImmutableArray<string>[] _namespaces;
    private readonly LabelSelector[] _selectors;
    private readonly bool _countsTerminating;
    private readonly int _hash;

    private PodMatcher(ImmutableArray<string>[] namespaces, LabelSelector[] selectors, bool countsTerminating)
    {
        _namespaces = namespaces;
        _selectors = selectors;
        _countsTerminating = countsTerminating;
        var hash = new HashCode();
        hash.Add(countsTerminating);
        for (var i = 0; i < selectors.Length; i++)
        {
            hash.Add(selectors[i]);
            foreach (var ns in namespaces[i])
            {
                hash.Add(ns, StringComparer.Ordinal);
            }
        }

        _hash = hash.ToHashCode();
        foreach (var selector in selectors)
        {
            if (selector.PinnedLabel() is { } pinned)
            {
                Guard = pinned;
                return;
            }
        }
    }

    /// <summary>A label every matching pod has (from a <c>key=value</c> requirement), so that a pod without it need not be matched; null when there is none.</summary>
    public (string Key, string Value)? Guard { get; }

    /// <summary>PodTopologySpread's <c>countPodsMatchSelector</c>: pods of <paramref name="ns"/>, not terminating, that <paramref name="selector"/> matches.</summary>
    public static PodMatcher ForSpread(string ns, LabelSelector selector) => new([[ns]], [selector], countsTerminating: false);

    /// <summary>The pods an affinity term matches (<see cref="AffinityTerm.Matches"/>), terminating or not.</summary>
    public static PodMatcher ForTerm(AffinityTerm term) => new([term.Namespaces], [term.Selector], countsTerminating: true);

    /// <summary>The pods that match every one of <paramref name="terms"/> (upstream's <c>podMatchesAllAffinityTerms</c>; there must be one).</summary>
    public static PodMatcher ForAllTerms(ImmutableArray<AffinityTerm> terms)
    {
        var namespaces = new ImmutableArray<string>[terms.Length];
        var selectors = new LabelSelector[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            namespaces[i] = terms[i].Namespaces;
            selectors[i] = terms[i].Selector;
        }

        return new(namespaces, selectors, countsTerminating: true);
    }

    /// <summary>Whether <paramref name="pod"/> is counted.</summary>
    public bool Matches(Pod pod)
    {
        if (!_countsTerminating && pod.DeletionRequestedAt is not null)
        {
            return false;
        }

        var ns = pod.Metadata.Namespace;
        for (var i = 0; i < _selectors.Length; i++)
        {
            if (!Contains(_namespaces[i], ns) || !_selectors[i].Matches(pod.Metadata.Labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number of pods in <paramref name="pods"/> that match.</summary>
    public int Count(IReadOnlyList<PodInfo> pods)
    {
        var count = 0;
        for (var i = 0; i < pods.Count; i++)
        {
            if (Matches(pods[i].Pod))
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public bool Equals(PodMatcher? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other._countsTerminating != _countsTerminating || other._selectors.Length != _selectors.Length)
        {
            return false;
        }

        for (var i = 0; i < _selectors.Length; i++)
        {
            if (!_selectors[i].Equals(other._selectors[i]) || !_namespaces[i].AsSpan().SequenceEqual(other._namespaces[i].AsSpan(), StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PodMatcher);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    private static bool Contains(ImmutableArray<string> namespaces, string ns)
    {
        foreach (var candidate in namespaces)
        {
            if (string.Equals(candidate, ns, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
