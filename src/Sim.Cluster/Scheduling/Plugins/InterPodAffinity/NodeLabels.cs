using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// A node's labels for one Filter call, remembering the last key looked up: the pod's terms and the
/// placed pods' terms usually share their topology key, so the node's sorted label map is searched once.
/// </summary>
internal struct NodeLabels(ImmutableSortedDictionary<string, string> labels)
{
    private string? _key;
    private string? _value;
    private bool _found;

    /// <summary>The node's value of <paramref name="key"/>; false when it has no such label.</summary>
    public bool TryGetValue(string key, out string value)
    {
        if (!ReferenceEquals(key, _key) && !string.Equals(key, _key, StringComparison.Ordinal))
        {
            _found = labels.TryGetValue(key, out _value);
            _key = key;
        }

        value = _value!;
        return _found;
    }
}
