namespace Sim.Scheduling;

/// <summary>Every score plugin's raw, normalized and weighted score per node, recorded for <c>sim explain</c>.</summary>
public sealed class ScoreBreakdown
{
    private readonly Dictionary<string, Dictionary<string, PluginScore>> _byNode = new(StringComparer.Ordinal);
    private readonly List<string> _plugins = [];

    /// <summary>The score plugins that ran, in order.</summary>
    public IReadOnlyList<string> Plugins => _plugins;

    /// <summary>The scores of <paramref name="node"/> by plugin name (empty when it was not scored).</summary>
    public IReadOnlyDictionary<string, PluginScore> For(string node) =>
        _byNode.TryGetValue(node, out var scores) ? scores : new Dictionary<string, PluginScore>();

    internal void RecordRaw(string plugin, ReadOnlySpan<NodeInfo> nodes, ReadOnlySpan<long> scores)
    {
        _plugins.Add(plugin);
        for (var i = 0; i < nodes.Length; i++)
        {
            if (!_byNode.TryGetValue(nodes[i].Name, out var node))
            {
                node = new Dictionary<string, PluginScore>(StringComparer.Ordinal);
                _byNode.Add(nodes[i].Name, node);
            }

            node[plugin] = new PluginScore(scores[i], scores[i], scores[i]);
        }
    }

    internal void RecordNormalized(string plugin, int weight, ReadOnlySpan<NodeInfo> nodes, ReadOnlySpan<long> scores)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = _byNode[nodes[i].Name];
            node[plugin] = node[plugin] with { Normalized = scores[i], Weighted = scores[i] * weight };
        }
    }
}

/// <summary>One plugin's score of one node.</summary>
/// <param name="Raw">What Score returned.</param>
/// <param name="Normalized">After NormalizeScore (the raw score when the plugin has none).</param>
/// <param name="Weighted">Normalized × the plugin's weight.</param>
public readonly record struct PluginScore(long Raw, long Normalized, long Weighted);
