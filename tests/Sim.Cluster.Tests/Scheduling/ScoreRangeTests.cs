using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// RunScorePlugins against a score outside [0, 100], as upstream's <c>TestRunScorePlugins</c> ("score greater
/// than MaxNodeScore", "score less than MinNodeScore"): the cycle fails with upstream's message naming the plugin
/// and the first such score; in-range scores add up weighted. The bad score sits in a full vector block or in the
/// tail after the last block, in lists shorter and longer than one block.
/// </summary>
public class ScoreRangeTests
{
    [TestCase(3, 0, 101L)]
    [TestCase(3, 2, -1L)]
    [TestCase(13, 1, 101L)]
    [TestCase(13, 9, long.MinValue)]
    [TestCase(13, 12, 1_000L)]
    [TestCase(64, 40, -5L)]
    public void A_score_outside_0_to_100_fails_the_cycle_naming_the_plugin_and_the_score(int nodes, int at, long bad)
    {
        var scores = Enumerable.Range(0, nodes).Select(i => (long)(i * 7 % 101)).ToArray();
        scores[at] = bad;
        var (profile, state, pod, list) = Setup(nodes, scores);
        var totals = new long[nodes];

        var status = profile.RunScorePlugins(state, pod, list, totals);

        Assert.That(status.Code, Is.EqualTo(StatusCode.Error));
        Assert.That(status.Plugin, Is.EqualTo(ByName.PluginName));
        Assert.That(status.Message, Is.EqualTo($"plugin \"{ByName.PluginName}\" returns an invalid score {bad}, it should in the range of [0, 100] after normalizing"));
    }

    [TestCase(3)]
    [TestCase(13)]
    [TestCase(64)]
    public void Scores_within_0_to_100_add_up_weighted(int nodes)
    {
        var scores = Enumerable.Range(0, nodes).Select(i => (long)(i * 37 % 101)).ToArray();
        scores[0] = 0;
        scores[^1] = 100;
        var (profile, state, pod, list) = Setup(nodes, scores);
        var totals = new long[nodes];

        Assert.That(profile.RunScorePlugins(state, pod, list, totals).IsSuccess, Is.True);
        Assert.That(totals, Is.EqualTo(scores.Select(s => s * 3).ToArray()));
    }

    private static (SchedulerProfile Profile, CycleState State, PodInfo Pod, IReadOnlyList<NodeInfo> Nodes) Setup(int nodes, long[] scores)
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, nodes).Select(i => St.MakeNode().Name($"n{i:D3}").Capacity(("cpu", "4"), ("memory", "8Gi"), ("pods", "10")).Obj()));
        var list = snapshot.NodeInfos;
        var byName = list.Select((n, i) => (n.Name, scores[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);
        var registry = PluginRegistry.CreateDefault();
        registry.Register(ByName.PluginName, (_, _) => new ByName(byName));
        var config = TestPlugins.Profile("p", new("PrioritySort"), new(ByName.PluginName, 3), new("DefaultBinder"));
        var profile = SchedulerProfile.Build(config, registry, new FrameworkHandle(snapshot));
        var pod = St.MakePod().Name("p").Uid(1).Info();
        var state = new CycleState { Facts = snapshot.Facts };
        Assert.That(profile.RunPreScorePlugins(state, pod, list).IsSuccess, Is.True);
        return (profile, state, pod, list);
    }

    /// <summary>Scores each node as a table says, whatever the range.</summary>
    private sealed class ByName(Dictionary<string, long> scores) : IScorePlugin
    {
        public const string PluginName = "TestScoreByName";

        public string Name => PluginName;

        public long Score(CycleState state, PodInfo pod, NodeInfo node) => scores[node.Name];
    }
}
