using System.Collections.Immutable;
using Sim.Cluster.Api;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The objects of one kind that select pods (Services, disruption budgets), indexed so that a pod event
/// finds the few whose selector might match the pod instead of matching every one: each object is filed
/// under one label its selector pins to a single value (a <c>key=value</c> requirement, which every pod
/// it selects carries), in its namespace; an object whose selector pins none is a candidate for every pod
/// of its namespace. Objects that select nothing are not filed. A candidate still has to be matched.
/// </summary>
internal sealed class SelectorIndex
{
    private readonly Dictionary<(string Namespace, string Key, string Value), List<ObjectKey>> _guarded = [];
    private readonly Dictionary<string, List<ObjectKey>> _unguarded = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, (string Key, string Value)?> _filed = [];
    private readonly List<ObjectKey> _candidates = [];

    /// <summary>The number of objects filed.</summary>
    public int Count => _filed.Count;

    /// <summary>
    /// Files <paramref name="key"/> (again) under <paramref name="guard"/>, a label every pod its selector
    /// matches has, or among the unguarded objects of its namespace when null.
    /// </summary>
    public void Set(ObjectKey key, (string Key, string Value)? guard)
    {
        Remove(key);
        _filed.Add(key, guard);
        List<ObjectKey>? list;
        if (guard is { } g)
        {
            if (!_guarded.TryGetValue((key.Namespace, g.Key, g.Value), out list))
            {
                list = [];
                _guarded.Add((key.Namespace, g.Key, g.Value), list);
            }
        }
        else if (!_unguarded.TryGetValue(key.Namespace, out list))
        {
            list = [];
            _unguarded.Add(key.Namespace, list);
        }

        list.Add(key);
    }

    /// <summary>Takes <paramref name="key"/> out; false when it was not filed.</summary>
    public bool Remove(ObjectKey key)
    {
        if (!_filed.Remove(key, out var guard))
        {
            return false;
        }

        if (guard is { } g)
        {
            var list = _guarded[(key.Namespace, g.Key, g.Value)];
            list.Remove(key);
            if (list.Count == 0)
            {
                _guarded.Remove((key.Namespace, g.Key, g.Value));
            }
        }
        else
        {
            var list = _unguarded[key.Namespace];
            list.Remove(key);
            if (list.Count == 0)
            {
                _unguarded.Remove(key.Namespace);
            }
        }

        return true;
    }

    /// <summary>
    /// The filed objects that may select an object with <paramref name="current"/>'s metadata or with
    /// <paramref name="before"/>'s (either null: none), sorted by key and without repeats. The list is
    /// reused by the next call.
    /// </summary>
    public List<ObjectKey> CandidatesFor(ObjectMeta? current, ObjectMeta? before)
    {
        var candidates = _candidates;
        candidates.Clear();
        if (current is not null)
        {
            AddCandidates(current.Namespace, current.Labels, candidates);
        }

        if (before is not null)
        {
            AddCandidates(before.Namespace, before.Labels, candidates);
        }

        SortDistinct(candidates);
        return candidates;
    }

    /// <summary>
    /// Adds to <paramref name="candidates"/> every filed object of <paramref name="ns"/> that may select a
    /// pod with <paramref name="labels"/>: those filed under one of the labels and the unguarded ones. An
    /// object may be added more than once over several calls.
    /// </summary>
    public void AddCandidates(string ns, ImmutableSortedDictionary<string, string> labels, List<ObjectKey> candidates)
    {
        if (_filed.Count == 0)
        {
            return;
        }

        if (_unguarded.TryGetValue(ns, out var unguarded))
        {
            candidates.AddRange(unguarded);
        }

        if (_guarded.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            if (_guarded.TryGetValue((ns, key, value), out var list))
            {
                candidates.AddRange(list);
            }
        }
    }

    /// <summary>Sorts <paramref name="candidates"/> by key and drops repeats, in place.</summary>
    public static void SortDistinct(List<ObjectKey> candidates)
    {
        if (candidates.Count < 2)
        {
            return;
        }

        candidates.Sort();
        var kept = 1;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (candidates[i] != candidates[kept - 1])
            {
                candidates[kept++] = candidates[i];
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
    }
}
