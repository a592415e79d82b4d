using System.Collections.Immutable;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// A node's labels for one Filter call, remembering the last key looked up: the pod's terms and the
/// placed pods' terms usually share their topology key, so the node's sorted label map is searched once.
/// Built on a <see cref="NodeInfo"/>, lookups go through <see cref="NodeInfo.TryGetLabel"/>, which keeps
/// the last keys across calls.
/// </summary>
internal struct NodeLabels
{
    private readonly NodeInfo? _node;
    private readonly ImmutableSortedDictionary<string, string>? _labels;
    private string? _key;
    private string? _value;
    private bool _found;

    public NodeLabels(ImmutableSortedDictionary<string, string> labels) => _labels = labels;

    public NodeLabels(NodeInfo node) => _node = node;

    /// <summary>The node's value of <paramref name="key"/>; false when it has no such label.</summary>
    public bool TryGetValue(string key, out string value)
    {
        if (_node is not null)
        {
            return _node.TryGetLabel(key, out value);
        }

        if (!string.Equals(key, _key, StringComparison.Ordinal))
        {
            _found = _labels!.TryGetValue(key, out _value);
            _key = key;
        }

        value = _value!;
        return _found;
    }
}
