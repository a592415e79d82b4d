using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using AffinityPlugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;
using SpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.TopologyIndex;

/// <summary>
/// PodTopologySpread and InterPodAffinity reading their index (counts kept up to date as pods and nodes
/// change) against the same plugins recounting every node and pod each cycle, as upstream does: on a
/// randomized cluster (nodes without a zone or hostname label, tainted nodes; with an odd seed, nodes
/// sharing one hostname; with an even one, distinct hostnames, so that InterPodAffinity's Filter reads
/// hostname counts by node row) and a randomized sequence
/// of pods with spread constraints, default constraints from Services, required and preferred
/// (anti-)affinity, placed, scheduled, relabelled, made terminating and removed, with nodes added,
/// relabelled and removed. Every PreFilter, Filter (also after preemption's RemovePod/AddPod on a copy),
/// PreScore, Score and NormalizeScore result and every scheduling decision must be the same.
/// </summary>
public class TopologyIndexDifferentialTests
{
    private static readonly string[] Zones = ["z1", "z2", "z3"];
    private static readonly string[] Racks = ["r1", "r2", "r3", "r4"];
    private static readonly string[] Keys = [Node.HostnameLabel, Node.ZoneLabel, "rack"];
    private static readonly string[] Selectors = ["app=a", "app=b", "tier in (x,y)", "app", "app!=c", ""];

    [Test]
    public void Indexed_plugins_decide_as_recounting_ones([Range(1, 16)] int seed)
    {
        var random = new System.Random(seed);
        var shared = seed % 2 == 1;
        var indexed = new Twin(recount: false);
        var recounted = new Twin(recount: true);
        var nodes = 0;
        for (; nodes < 6 + random.Next(20); nodes++)
        {
            var node = RandomNode(random, nodes, shared);
            indexed.Snapshot.AddNode(node);
            recounted.Snapshot.AddNode(node);
        }

        var uid = 0;
        var placed = new List<Pod>();
        var scheduled = 0;
        for (var step = 0; step < 250; step++)
        {
            var op = random.Next(100);
            if (op < 45)
            {
                var pod = RandomPod(random, ++uid);
                var host = CompareCycle(random, indexed, recounted, pod, $"seed {seed} step {step} pod {uid}");
                if (host is not null)
                {
                    var bound = pod with { Spec = pod.Spec with { NodeName = host } };
                    indexed.Snapshot.AddPod(new PodInfo(bound), host);
                    recounted.Snapshot.AddPod(new PodInfo(bound), host);
                    placed.Add(bound);
                    scheduled++;
                }
            }
            else if (op < 62)
            {
                // Placed directly (as a bound pod the scheduler did not choose), terminating one time in five.
                var node = indexed.Snapshot.NodeInfos[random.Next(indexed.Snapshot.NumNodes)].Name;
                var pod = RandomPod(random, ++uid);
                pod = pod with { Spec = pod.Spec with { NodeName = node }, DeletionRequestedAt = random.Next(5) == 0 ? Engine.SimTime.Zero : null };
                indexed.Snapshot.AddPod(new PodInfo(pod), node);
                recounted.Snapshot.AddPod(new PodInfo(pod), node);
                placed.Add(pod);
            }
            else if (op < 77 && placed.Count != 0)
            {
                var i = random.Next(placed.Count);
                indexed.Snapshot.RemovePod(placed[i].Key);
                recounted.Snapshot.RemovePod(placed[i].Key);
                placed.RemoveAt(i);
            }
            else if (op < 85 && placed.Count != 0)
            {
                // A newer version of a placed pod: relabelled, or terminating.
                var i = random.Next(placed.Count);
                var pod = placed[i];
                pod = random.Next(2) == 0
                    ? pod with { DeletionRequestedAt = Engine.SimTime.Zero }
                    : pod with { Metadata = pod.Metadata with { Labels = RandomLabels(random) } };
                placed[i] = pod;
                indexed.Snapshot.AddPod(new PodInfo(pod), pod.Spec.NodeName);
                recounted.Snapshot.AddPod(new PodInfo(pod), pod.Spec.NodeName);
            }
            else if (op < 92)
            {
                var old = indexed.Snapshot.NodeInfos[random.Next(indexed.Snapshot.NumNodes)].Node;
                var node = RandomNode(random, 0, shared) with { Metadata = old.Metadata with { Labels = RandomNodeLabels(random, old.Metadata.Name, shared) } };
                indexed.Snapshot.UpdateNode(node);
                recounted.Snapshot.UpdateNode(node);
            }
            else if (op < 96)
            {
                var node = RandomNode(random, nodes++, shared);
                indexed.Snapshot.AddNode(node);
                recounted.Snapshot.AddNode(node);
            }
            else if (indexed.Snapshot.NumNodes > 3)
            {
                var name = indexed.Snapshot.NodeInfos[random.Next(indexed.Snapshot.NumNodes)].Name;
                indexed.Snapshot.RemoveNode(name);
                recounted.Snapshot.RemoveNode(name);
                placed.RemoveAll(p => p.Spec.NodeName == name);
            }
        }

        Assert.That(scheduled, Is.GreaterThan(20), "too few pods were scheduled for the comparison to mean much");
    }

    /// <summary>One scheduling cycle in both, plugin by plugin and then whole; returns the chosen node.</summary>
    private static string? CompareCycle(System.Random random, Twin a, Twin b, Pod pod, string what)
    {
        var infoA = new PodInfo(pod);
        var infoB = new PodInfo(pod);
        var stateA = new CycleState();
        var stateB = new CycleState();
        var spreadA = a.Spread.PreFilter(stateA, infoA, a.Snapshot.NodeInfos, out _);
        var spreadB = b.Spread.PreFilter(stateB, infoB, b.Snapshot.NodeInfos, out _);
        Assert.That(spreadA, Is.EqualTo(spreadB), $"{what}: PodTopologySpread PreFilter");
        var affinityA = a.Affinity.PreFilter(stateA, infoA, a.Snapshot.NodeInfos, out _);
        var affinityB = b.Affinity.PreFilter(stateB, infoB, b.Snapshot.NodeInfos, out _);
        Assert.That(affinityA, Is.EqualTo(affinityB), $"{what}: InterPodAffinity PreFilter");

        var feasible = new List<string>();
        for (var i = 0; i < a.Snapshot.NumNodes; i++)
        {
            var nodeA = a.Snapshot.NodeInfos[i];
            var nodeB = b.Snapshot.NodeInfos[i];
            Assert.That(nodeA.Name, Is.EqualTo(nodeB.Name));
            var filterA = Filter(a, stateA, infoA, nodeA, spreadA, affinityA);
            Assert.That(filterA, Is.EqualTo(Filter(b, stateB, infoB, nodeB, spreadB, affinityB)), $"{what}: Filter on {nodeA.Name}");
            if (filterA.IsSuccess)
            {
                feasible.Add(nodeA.Name);
            }
        }

        if (affinityA.IsSuccess)
        {
            // The batch filter of a run of nodes agrees with Filter on each.
            var nodes = a.Snapshot.NodeInfos.ToArray();
            var passes = new bool[nodes.Length];
            Array.Fill(passes, true);
            a.Affinity.FilterNodes(stateA, infoA, nodes, passes);
            for (var i = 0; i < nodes.Length; i++)
            {
                Assert.That(passes[i], Is.EqualTo(a.Affinity.Filter(stateA, infoA, nodes[i]).IsSuccess), $"{what}: InterPodAffinity FilterNodes on {nodes[i].Name}");
            }
        }

        if (a.Snapshot.NumNodes != 0 && (spreadA.IsSuccess || affinityA.IsSuccess))
        {
            ComparePreemption(random, a, b, stateA, stateB, infoA, infoB, spreadA, affinityA, what);
        }

        CompareScores(a, b, infoA, infoB, feasible, what);

        var resultA = a.Algorithm.Schedule(a.Profile, new CycleState(), infoA, a.Snapshot);
        var resultB = b.Algorithm.Schedule(b.Profile, new CycleState(), infoB, b.Snapshot);
        Assert.That(resultA.SuggestedHost, Is.EqualTo(resultB.SuggestedHost), $"{what}: chosen node");
        Assert.That(resultA.Status, Is.EqualTo(resultB.Status), $"{what}: scheduling status");
        Assert.That((resultA.EvaluatedNodes, resultA.FeasibleNodes), Is.EqualTo((resultB.EvaluatedNodes, resultB.FeasibleNodes)), $"{what}: nodes evaluated and feasible");
        Assert.That(resultA.Diagnosis.Statuses, Is.EquivalentTo(resultB.Diagnosis.Statuses), $"{what}: diagnosis");
        return resultA.SuggestedHost;
    }

    private static Status Filter(Twin twin, CycleState state, PodInfo pod, NodeInfo node, Status spread, Status affinity)
    {
        if (spread.IsSuccess && twin.Spread.Filter(state, pod, node) is { IsSuccess: false } s)
        {
            return s;
        }

        return affinity.IsSuccess ? twin.Affinity.Filter(state, pod, node) : Status.Success;
    }

    /// <summary>What preemption does: on copies of the state and of one node, takes a placed pod off and puts a new one on, filtering after each.</summary>
    private static void ComparePreemption(System.Random random, Twin a, Twin b, CycleState stateA, CycleState stateB, PodInfo podA, PodInfo podB, Status spread, Status affinity, string what)
    {
        var index = random.Next(a.Snapshot.NumNodes);
        var nodeA = a.Snapshot.NodeInfos[index].Clone();
        var nodeB = b.Snapshot.NodeInfos[index].Clone();
        var copyA = stateA.Clone();
        var copyB = stateB.Clone();
        if (nodeA.Pods.Count != 0)
        {
            var victim = random.Next(nodeA.Pods.Count);
            var victimA = nodeA.Pods[victim];
            var victimB = nodeB.Pods[victim];
            nodeA.RemovePod(victimA.Pod);
            nodeB.RemovePod(victimB.Pod);
            Assert.That(a.Profile.RunPreFilterExtensionRemovePod(copyA, podA, victimA, nodeA), Is.EqualTo(b.Profile.RunPreFilterExtensionRemovePod(copyB, podB, victimB, nodeB)), $"{what}: RemovePod");
            Assert.That(Filter(a, copyA, podA, nodeA, spread, affinity), Is.EqualTo(Filter(b, copyB, podB, nodeB, spread, affinity)), $"{what}: Filter after RemovePod on {nodeA.Name}");
        }

        var extra = RandomPod(random, 1_000_000 + random.Next(1000));
        extra = extra with { Spec = extra.Spec with { NodeName = nodeA.Name } };
        var extraA = new PodInfo(extra);
        var extraB = new PodInfo(extra);
        nodeA.AddPod(extraA);
        nodeB.AddPod(extraB);
        Assert.That(a.Profile.RunPreFilterExtensionAddPod(copyA, podA, extraA, nodeA), Is.EqualTo(b.Profile.RunPreFilterExtensionAddPod(copyB, podB, extraB, nodeB)), $"{what}: AddPod");
        Assert.That(Filter(a, copyA, podA, nodeA, spread, affinity), Is.EqualTo(Filter(b, copyB, podB, nodeB, spread, affinity)), $"{what}: Filter after AddPod on {nodeA.Name}");

        // The original states are untouched by the copies' changes.
        var node = a.Snapshot.NodeInfos[index];
        Assert.That(Filter(a, stateA, podA, node, spread, affinity), Is.EqualTo(Filter(b, stateB, podB, b.Snapshot.NodeInfos[index], spread, affinity)), $"{what}: Filter of the original state");
    }

    private static void CompareScores(Twin a, Twin b, PodInfo podA, PodInfo podB, List<string> feasible, string what)
    {
        var nodesA = feasible.Select(n => a.Snapshot.Get(n)!).ToList();
        var nodesB = feasible.Select(n => b.Snapshot.Get(n)!).ToList();
        var stateA = new CycleState();
        var stateB = new CycleState();
        foreach (var (pluginA, pluginB) in new (IPlugin, IPlugin)[] { (a.Spread, b.Spread), (a.Affinity, b.Affinity) })
        {
            var preA = ((IPreScorePlugin)pluginA).PreScore(stateA, podA, nodesA);
            var preB = ((IPreScorePlugin)pluginB).PreScore(stateB, podB, nodesB);
            Assert.That(preA, Is.EqualTo(preB), $"{what}: {pluginA.Name} PreScore");
            if (!preA.IsSuccess)
            {
                continue;
            }

            var scoresA = nodesA.Select(n => new NodeScore(n.Name, ((IScorePlugin)pluginA).Score(stateA, podA, n))).ToArray();
            var scoresB = nodesB.Select(n => new NodeScore(n.Name, ((IScorePlugin)pluginB).Score(stateB, podB, n))).ToArray();
            Assert.That(scoresA, Is.EqualTo(scoresB), $"{what}: {pluginA.Name} Score");
            Assert.That(((IScoreExtensions)pluginA).NormalizeScore(stateA, podA, scoresA), Is.EqualTo(((IScoreExtensions)pluginB).NormalizeScore(stateB, podB, scoresB)));
            Assert.That(scoresA, Is.EqualTo(scoresB), $"{what}: {pluginA.Name} NormalizeScore");
        }
    }

    private static Node RandomNode(System.Random random, int i, bool sharedHostnames)
    {
        var name = $"n{i}";
        var allocatable = St.Res(("cpu", "64"), ("memory", "256Gi"), ("pods", "110"));
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = RandomNodeLabels(random, name, sharedHostnames) },
            Status = new NodeStatus { Capacity = allocatable, Allocatable = allocatable },
        };
        return random.Next(7) == 0
            ? node with { Spec = node.Spec with { Taints = [new Taint("dedicated", "x", TaintEffect.NoSchedule)] } }
            : node;
    }

    private static ImmutableSortedDictionary<string, string> RandomNodeLabels(System.Random random, string name, bool sharedHostnames)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        switch (random.Next(12))
        {
            case 0:
                break;
            case 1 when sharedHostnames:
                // A hostname another node has too: one domain of two nodes.
                labels[Node.HostnameLabel] = "n0";
                break;
            default:
                labels[Node.HostnameLabel] = name;
                break;
        }

        if (random.Next(5) != 0)
        {
            labels[Node.ZoneLabel] = Zones[random.Next(Zones.Length)];
        }

        if (random.Next(2) == 0)
        {
            labels["rack"] = Racks[random.Next(Racks.Length)];
        }

        return labels.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, string> RandomLabels(System.Random random)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (random.Next(5) != 0)
        {
            labels["app"] = ((char)('a' + random.Next(3))).ToString();
        }

        if (random.Next(2) == 0)
        {
            labels["tier"] = random.Next(2) == 0 ? "x" : "y";
        }

        return labels.ToImmutable();
    }

    private static Pod RandomPod(System.Random random, int uid)
    {
        var ns = random.Next(3) == 0 ? "other" : "default";
        var pod = St.MakePod().Name($"p{uid}").Namespace(ns).Uid(uid).Req(("cpu", "100m")).Labels(RandomLabels(random));
        var constraints = random.Next(100) switch { < 45 => 0, < 80 => 1, _ => 2 };
        for (var i = 0; i < constraints; i++)
        {
            var hard = random.Next(2) == 0;
            pod.SpreadConstraint(
                1 + random.Next(3),
                Keys[random.Next(Keys.Length)],
                hard ? WhenUnsatisfiable.DoNotSchedule : WhenUnsatisfiable.ScheduleAnyway,
                random.Next(12) == 0 ? null : Selectors[random.Next(Selectors.Length)],
                hard && random.Next(4) == 0 ? 2 + random.Next(3) : null,
                random.Next(5) == 0 ? NodeInclusionPolicy.Ignore : NodeInclusionPolicy.Honor,
                random.Next(5) == 0 ? NodeInclusionPolicy.Honor : NodeInclusionPolicy.Ignore,
                random.Next(4) == 0 ? ["tier"] : []);
        }

        if (random.Next(6) == 0)
        {
            pod.PodAffinity(Keys[random.Next(Keys.Length)], Selectors[random.Next(5)], Namespaces(random));
            if (random.Next(3) == 0)
            {
                pod.PodAffinity(Keys[random.Next(Keys.Length)], Selectors[random.Next(5)], Namespaces(random));
            }
        }

        for (var i = random.Next(4) == 0 ? 1 + random.Next(2) : 0; i > 0; i--)
        {
            pod.PodAntiAffinity(Keys[random.Next(Keys.Length)], Selectors[random.Next(5)], Namespaces(random));
        }

        for (var i = random.Next(4) == 0 ? 1 + random.Next(2) : 0; i > 0; i--)
        {
            pod.PreferredPodAffinity(1 + random.Next(100), Keys[random.Next(Keys.Length)], Selectors[random.Next(5)], Namespaces(random));
        }

        for (var i = random.Next(4) == 0 ? 1 + random.Next(2) : 0; i > 0; i--)
        {
            pod.PreferredPodAntiAffinity(1 + random.Next(100), Keys[random.Next(Keys.Length)], Selectors[random.Next(5)], Namespaces(random));
        }

        if (random.Next(10) == 0)
        {
            pod.NodeSelector(new Dictionary<string, string> { [Node.ZoneLabel] = Zones[random.Next(Zones.Length)] });
        }

        if (random.Next(8) == 0)
        {
            pod.Toleration(new Toleration("dedicated", TolerationOperator.Exists, string.Empty, TaintEffect.NoSchedule));
        }

        return pod.Obj();
    }

    private static string[] Namespaces(System.Random random) => random.Next(4) switch
    {
        0 => ["default", "other"],
        1 => ["other"],
        _ => [],
    };

    /// <summary>A snapshot with the default profile, and its two plugins recounting or not.</summary>
    private sealed class Twin
    {
        public Twin(bool recount)
        {
            Snapshot = new Snapshot();
            var lister = new ClusterLister();
            foreach (var app in new[] { "a", "b" })
            {
                lister.Set(new Service
                {
                    Metadata = new ObjectMeta { Name = $"svc-{app}", Namespace = "default" },
                    Selector = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", app),
                });
            }

            var handle = new FrameworkHandle(Snapshot, lister);
            Profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), handle);
            Spread = (SpreadPlugin)Profile.Plugins[SpreadPlugin.PluginName];
            Affinity = (AffinityPlugin)Profile.Plugins[AffinityPlugin.PluginName];
            Spread.Recount = recount;
            Affinity.Recount = recount;
            Algorithm = new SchedulingAlgorithm(new RandomStreams(7).For("select-host"));
        }

        public Snapshot Snapshot { get; }

        public SchedulerProfile Profile { get; }

        public SpreadPlugin Spread { get; }

        public AffinityPlugin Affinity { get; }

        public SchedulingAlgorithm Algorithm { get; }
    }
}
