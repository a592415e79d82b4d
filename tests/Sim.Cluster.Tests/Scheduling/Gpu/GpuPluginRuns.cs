using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

/// <summary>Runs GPU score plugins over a snapshot as the framework does (PreScore, Score, NormalizeScore).</summary>
internal static class GpuPluginRuns
{
    /// <summary>Every node's (raw, normalized) score by name.</summary>
    public static Dictionary<string, (long Raw, long Normalized)> Scores(IScorePlugin plugin, Snapshot snapshot, PodInfo pod, CycleState? state = null)
    {
        state ??= new CycleState();
        var nodes = snapshot.NodeInfos;
        if (plugin is IPreScorePlugin pre)
        {
            Assert.That(pre.PreScore(state, pod, nodes).IsSuccess, Is.True);
        }

        var scores = nodes.Select(n => new NodeScore(n.Name, plugin.Score(state, pod, n))).ToArray();
        var raw = scores.Select(s => s.Score).ToArray();
        if (plugin is IScoreExtensions extensions)
        {
            Assert.That(extensions.NormalizeScore(state, pod, scores).IsSuccess, Is.True);
        }

        return Enumerable.Range(0, nodes.Count).ToDictionary(i => nodes[i].Name, i => (raw[i], scores[i].Score), StringComparer.Ordinal);
    }

    /// <summary>Raw scores only, by node name.</summary>
    public static Dictionary<string, long> Raw(IScorePlugin plugin, Snapshot snapshot, PodInfo pod) =>
        Scores(plugin, snapshot, pod).ToDictionary(s => s.Key, s => s.Value.Raw, StringComparer.Ordinal);

    /// <summary>What scoring every node of <paramref name="snapshot"/> allocates after a warm-up (per 100 rounds).</summary>
    public static long ScoreAllocations(IScorePlugin plugin, Snapshot snapshot, PodInfo pod)
    {
        var state = new CycleState();
        var nodes = snapshot.NodeInfos;
        long total = 0;
        var allocated = Plugins.Helper.Allocations.Of(() =>
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                total += plugin.Score(state, pod, nodes[i]);
            }
        });
        Assert.That(total, Is.Positive, "the scores were computed");
        return allocated;
    }
}
