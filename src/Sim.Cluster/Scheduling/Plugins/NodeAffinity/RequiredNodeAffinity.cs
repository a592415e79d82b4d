using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// A pod's <c>nodeSelector</c> and required node affinity, parsed once (upstream's
/// <c>RequiredNodeAffinity</c>): a node must carry every selector label and match the affinity. Kept in
/// the cycle state by PreFilter; it never changes, so clones share it.
/// </summary>
internal sealed class RequiredNodeAffinity : IStateData
{
    private readonly KeyValuePair<string, string>[] _nodeSelector;
    private readonly CompiledNodeSelector? _affinity;

    public RequiredNodeAffinity(KeyValuePair<string, string>[] nodeSelector, CompiledNodeSelector? affinity)
    {
        _nodeSelector = nodeSelector;
        _affinity = affinity;
    }

    /// <summary>Whether <paramref name="node"/> satisfies both; parse errors of the affinity count as no match.</summary>
    public bool Matches(Node node) => Matches(node, out _);

    /// <summary>Whether <paramref name="node"/> satisfies both; <paramref name="parseError"/> as <see cref="CompiledNodeSelector.Matches(Node, out bool)"/>.</summary>
    public bool Matches(Node node, out bool parseError)
    {
        parseError = false;
        if (_nodeSelector.Length != 0)
        {
            var labels = node.Metadata.Labels;
            foreach (var (key, value) in _nodeSelector)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        return _affinity is null || _affinity.Matches(node, out parseError);
    }

    /// <inheritdoc />
    public IStateData Clone() => this;
}
