using Sim.Cluster.Objects;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// The snapshot's facts about all its nodes (no taints, none cordoned, no images), kept as nodes come,
/// change and go, and the batch plugins that decide a run of nodes from them: with the facts in the
/// cycle state they give what they give node by node.
/// </summary>
public class SnapshotFactsTests
{
    private const SnapshotFacts All = SnapshotFacts.NoTaints | SnapshotFacts.NoUnschedulable | SnapshotFacts.NoImages;

    [Test]
    public void The_facts_follow_nodes_added_updated_and_removed()
    {
        var snapshot = Snapshot.Create([Plain("a"), Plain("b")]);
        Assert.That(snapshot.Facts, Is.EqualTo(All));

        snapshot.AddNode(Plain("c").WithTaints(new Taint("k", "v", TaintEffect.PreferNoSchedule)));
        Assert.That(snapshot.Facts, Is.EqualTo(All & ~SnapshotFacts.NoTaints));
        snapshot.UpdateNode(Plain("c"));
        Assert.That(snapshot.Facts, Is.EqualTo(All), "the taint was taken off");

        snapshot.UpdateNode(St.MakeNode().Name("a").Capacity(("cpu", "4")).Unschedulable().Obj());
        Assert.That(snapshot.Facts, Is.EqualTo(All & ~SnapshotFacts.NoUnschedulable));
        snapshot.RemoveNode("a");
        Assert.That(snapshot.Facts, Is.EqualTo(All), "the cordoned node left");

        snapshot.AddNode(St.MakeNode().Name("d").Capacity(("cpu", "4")).Images([("registry.example/app:1", 100L << 20)]).Obj());
        Assert.That(snapshot.Facts, Is.EqualTo(All & ~SnapshotFacts.NoImages));
        snapshot.UpdateNode(Plain("d"));
        Assert.That(snapshot.Facts, Is.EqualTo(All), "the image list was emptied");
    }

    [Test]
    public void With_the_facts_in_the_state_batch_plugins_agree_with_their_per_node_methods()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 40).Select(i => Plain($"n{i:D2}")));
        Assert.That(snapshot.Facts, Is.EqualTo(All));
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var nodes = snapshot.NodeInfos.ToArray();
        var pod = St.MakePod().Name("p").Uid(1).Container(St.Res(("cpu", "100m")), "registry.example/app:1")
            .Toleration(new Toleration("k", TolerationOperator.Exists)).Info();
        var checkedPlugins = new HashSet<string>(StringComparer.Ordinal);
        var state = new CycleState { Facts = snapshot.Facts };
        Assert.That(profile.RunPreFilterPlugins(state, pod, nodes, out _).IsSuccess, Is.True);
        foreach (var plugin in profile.FilterPlugins.OfType<IBatchFilterPlugin>())
        {
            var passes = Enumerable.Repeat(true, nodes.Length).ToArray();
            plugin.FilterNodes(state, pod, nodes, passes);
            Assert.That(passes, Is.EqualTo(nodes.Select(n => plugin.Filter(state, pod, n).IsSuccess).ToArray()), plugin.Name);
            checkedPlugins.Add(plugin.Name);
        }

        Assert.That(profile.RunPreScorePlugins(state, pod, nodes).IsSuccess, Is.True);
        foreach (var plugin in profile.ScorePlugins.OfType<IBatchScorePlugin>())
        {
            var scores = new long[nodes.Length];
            plugin.ScoreNodes(state, pod, nodes, scores);
            Assert.That(scores, Is.EqualTo(nodes.Select(n => plugin.Score(state, pod, n)).ToArray()), plugin.Name);
            checkedPlugins.Add(plugin.Name);
        }

        Assert.That(checkedPlugins, Is.SupersetOf(new[] { "NodeUnschedulable", "TaintToleration", "ImageLocality" }));
    }

    private static Node Plain(string name) => St.MakeNode().Name(name).Label(Node.ZoneLabel, "z").Capacity(("cpu", "4"), ("memory", "8Gi"), ("pods", "20")).Obj();
}

internal static class NodeTestExtensions
{
    public static Node WithTaints(this Node node, params Taint[] taints) => node with { Spec = node.Spec with { Taints = [.. taints] } };
}
