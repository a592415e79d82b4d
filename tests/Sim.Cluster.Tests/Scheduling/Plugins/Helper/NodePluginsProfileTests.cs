using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling.Plugins.Helper;

/// <summary>
/// The node plugins built from the registry into one profile with the default profile's weights
/// (TaintToleration 3, NodeAffinity 2, ImageLocality 1) and run by the scheduling algorithm.
/// </summary>
public class NodePluginsProfileTests
{
    private const long Mb = 1024 * 1024;

    private static readonly string[] NodePlugins =
        ["PrioritySort", "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "ImageLocality", "DefaultBinder"];

    [Test]
    public void The_weighted_scores_pick_the_node_and_the_filters_rule_out_the_others()
    {
        // n1: untolerated PreferNoSchedule taint, preferred zone, the image. TaintToleration 0×3, NodeAffinity 100×2,
        //     ImageLocality 100 × (1000 MiB × 1/4 nodes − 23 MiB) / (1000 MiB − 23 MiB) = 23: total 223.
        // n2: no taint, other zone: 100×3 = 300. n3: a NoSchedule taint. n4: outside the required zones.
        var nodes = new[]
        {
            Node("n1", "a", [new Taint("soft", string.Empty, TaintEffect.PreferNoSchedule)], ("gcr.io/big:latest", 1000 * Mb)),
            Node("n2", "b", []),
            Node("n3", "a", [new Taint("hard", string.Empty, TaintEffect.NoSchedule)]),
            Node("n4", "c", []),
        };

        var (result, totals) = Schedule(nodes, Pod());

        Assert.Multiple(() =>
        {
            Assert.That(result.SuggestedHost, Is.EqualTo("n2"));
            Assert.That(result.FeasibleNodes, Is.EqualTo(2));
            Assert.That(result.Diagnosis.Get("n3").Plugin, Is.EqualTo("TaintToleration"));
            Assert.That(result.Diagnosis.Get("n4").Plugin, Is.EqualTo("NodeAffinity"));
            Assert.That(totals, Is.EquivalentTo(new long[] { 223, 300 }));
        });
    }

    [Test]
    public void Tolerating_the_soft_taint_turns_the_choice()
    {
        var nodes = new[]
        {
            Node("n1", "a", [new Taint("soft", string.Empty, TaintEffect.PreferNoSchedule)], ("gcr.io/big:latest", 1000 * Mb)),
            Node("n2", "b", []),
        };
        // n1: 100×3 + 100×2 + 100 × (1000 MiB × 1/2 − 23 MiB) / (1000 MiB − 23 MiB) = 48; n2: 100×3.
        var pod = Pod() with { Spec = Pod().Spec with { Tolerations = [new Toleration("soft", TolerationOperator.Exists)] } };

        var (result, totals) = Schedule(nodes, pod);

        Assert.Multiple(() =>
        {
            Assert.That(result.SuggestedHost, Is.EqualTo("n1"));
            Assert.That(totals, Is.EquivalentTo(new long[] { 300 + 200 + 48, 300 }));
        });
    }

    private static (ScheduleResult Result, long[] Totals) Schedule(Node[] nodes, Pod pod)
    {
        var snapshot = Snapshot.Create(nodes);
        var config = new ProfileConfig
        {
            Plugins = new PluginsConfig
            {
                MultiPoint = new PluginSet
                {
                    Disabled = ["*"],
                    Enabled = [.. NodePlugins.Select(name => new PluginRef(name, name switch { "TaintToleration" => 3, "NodeAffinity" => 2, _ => 0 }))],
                },
            },
        };
        var profile = SchedulerProfile.Build(config, PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(1).For("select-host"));
        var result = algorithm.Schedule(profile, new CycleState(), new PodInfo(pod), snapshot);
        return (result, algorithm.Totals.ToArray().Where(t => t != 0).ToArray());
    }

    private static Pod Pod() => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec
        {
            Containers = [new Container("c0", ResourceList.Empty, Image: "gcr.io/big")],
            Affinity = new Affinity
            {
                NodeAffinity = new Cluster.Objects.Scheduling.NodeAffinity
                {
                    Required = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement("zone", SelectorOperator.In, ["a", "b"])] }],
                    Preferred = [new PreferredSchedulingTerm(10, new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement("zone", SelectorOperator.In, ["a"])] })],
                },
            },
        },
    };

    private static Node Node(string name, string zone, Taint[] taints, params (string Name, long Size)[] images) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("zone", zone)]) },
        Spec = new NodeSpec { Taints = [.. taints] },
        Status = new NodeStatus { Images = [.. images.Select(i => new ContainerImage(i.Name, i.Size))] },
    };
}
