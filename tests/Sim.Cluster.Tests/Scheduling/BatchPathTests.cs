using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// The batch Filter and Score paths (<see cref="IBatchFilterPlugin"/>, <see cref="IBatchScorePlugin"/>,
/// <see cref="IBatchScoreExtensions"/>) against the node-by-node path they replace in the cycle, on
/// randomized clusters and pods: every batch plugin of the default profile agrees with its own Filter,
/// Score and NormalizeScore on every node, and the feasible-node search in runs finds the same nodes,
/// reports the same statuses and moves the start index as the node-by-node search does.
/// </summary>
public class BatchPathTests
{
    private const string Gpu = "example.com/gpu";
    private static readonly string[] TaintKeys = ["a", "b", "c"];
    private static readonly TaintEffect[] Effects = [TaintEffect.NoSchedule, TaintEffect.PreferNoSchedule, TaintEffect.NoExecute];
    private const string RackLabel = "example.com/rack";
    private static readonly string[] Apps = ["web", "db"];
    private static readonly string[] Images = ["registry.example/app:1", "registry.example/db:2", "registry.example/big:3"];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Every_batch_plugin_of_the_default_profile_agrees_with_its_per_node_methods(int seed)
    {
        var random = new RandomStreams((ulong)seed).For("batch");
        var snapshot = RandomCluster(random, nodes: 150);
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        // The snapshot's own list (whose rows the resource plugins read) and a copy of it (read node by node).
        var list = (NodeInfo[])snapshot.NodeInfos;
        var copy = list.ToArray();
        Assert.That(NodeTable.TryGetRows(list, out _), Is.True);
        Assert.That(NodeTable.TryGetRows(copy, out _), Is.False);
        var checkedPlugins = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < 40; p++)
        {
            var nodes = p % 2 == 0 ? list : copy;
            var pod = RandomPod(random, $"probe-{p}", nodes, nodeName: true);
            var state = new CycleState();
            if (!profile.RunPreFilterPlugins(state, pod, nodes, out _).IsSuccess)
            {
                continue;
            }

            foreach (var plugin in profile.FilterPlugins.OfType<IBatchFilterPlugin>())
            {
                var passes = new bool[nodes.Length];
                Array.Fill(passes, true);
                passes[0] = false; // a node already rejected stays rejected
                plugin.FilterNodes(state, pod, nodes, passes);
                for (var n = 0; n < nodes.Length; n++)
                {
                    var expected = n != 0 && plugin.Filter(state, pod, nodes[n]).IsSuccess;
                    Assert.That(passes[n], Is.EqualTo(expected), $"{plugin.Name} on {nodes[n].Name} for {pod.Pod.Metadata.Name}");
                }

                checkedPlugins.Add(plugin.Name);
            }

            Assert.That(profile.RunPreScorePlugins(state, pod, nodes).IsSuccess, Is.True);
            for (var index = 0; index < profile.ScorePlugins.Count; index++)
            {
                // A plugin whose PreScore skipped the pod is not scored.
                if ((state.SkipScore & (1UL << index)) != 0 || profile.ScorePlugins[index] is not IBatchScorePlugin plugin)
                {
                    continue;
                }

                var raw = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
                var scores = new long[nodes.Length];
                plugin.ScoreNodes(state, pod, nodes, scores);
                Assert.That(scores, Is.EqualTo(raw), $"{plugin.Name} raw scores for {pod.Pod.Metadata.Name}");
                checkedPlugins.Add(plugin.Name);
                if (plugin is IBatchScoreExtensions normalize)
                {
                    var pairs = nodes.Select((n, i) => new NodeScore(n.Name, raw[i])).ToArray();
                    Assert.That(normalize.NormalizeScore(state, pod, pairs).IsSuccess, Is.True);
                    Assert.That(normalize.NormalizeScores(state, pod, nodes, scores).IsSuccess, Is.True);
                    Assert.That(scores, Is.EqualTo(pairs.Select(s => s.Score).ToArray()), $"{plugin.Name} normalized scores for {pod.Pod.Metadata.Name}");

                    // Raw scores spread wide (a range past any lookup table of short ranges) normalize alike.
                    var wide = raw.Select((r, i) => r * 1_000 + i).ToArray();
                    var widePairs = nodes.Select((n, i) => new NodeScore(n.Name, wide[i])).ToArray();
                    Assert.That(normalize.NormalizeScore(state, pod, widePairs).IsSuccess, Is.True);
                    Assert.That(normalize.NormalizeScores(state, pod, nodes, wide).IsSuccess, Is.True);
                    Assert.That(wide, Is.EqualTo(widePairs.Select(s => s.Score).ToArray()), $"{plugin.Name} normalized wide scores for {pod.Pod.Metadata.Name}");
                }
            }
        }

        Assert.That(checkedPlugins, Is.SupersetOf(new[] { "NodeUnschedulable", "NodeName", "TaintToleration", "NodeResourcesFit", "NodeResourcesBalancedAllocation", "ImageLocality", "PodTopologySpread" }));
    }

    [TestCase(21)]
    [TestCase(22)]
    [TestCase(23)]
    public void Remembered_resource_scores_equal_the_arithmetic_through_pod_and_node_changes(int seed)
    {
        // The resource scorers remember each node's score per pod requests (NodeScoreMemo); a cluster
        // that changes between cycles (pods added and removed, nodes updated, removed and added, clones
        // scored) must get the scores the arithmetic gives, cycle after cycle, with a few pod shapes
        // repeating so that remembered scores are used. Three NodeResourcesFit and two BalancedAllocation
        // instances share the nodes' two memo cells, so they also overwrite one another's entries.
        var random = new RandomStreams((ulong)seed).For("memo");
        var snapshot = RandomCluster(random, nodes: 120);
        ImmutableArray<ResourceSpec> extended = [new("cpu", 2), new("memory", 1), new("ephemeral-storage", 1), new(Gpu, 3)];
        var plugins = new (IPreScorePlugin PreScore, IBatchScorePlugin Score)[]
        {
            Pair(new NodeResourcesFit(new NodeResourcesFitArgs())),
            Pair(new NodeResourcesFit(new NodeResourcesFitArgs { ScoringStrategy = new ScoringStrategy { Type = ScoringStrategyType.MostAllocated, Resources = extended } })),
            Pair(new NodeResourcesFit(new NodeResourcesFitArgs
            {
                ScoringStrategy = new ScoringStrategy
                {
                    Type = ScoringStrategyType.RequestedToCapacityRatio,
                    Resources = extended,
                    RequestedToCapacityRatio = new RequestedToCapacityRatioParam { Shape = [new(0, 0), new(60, 9), new(100, 4)] },
                },
            })),
            Pair(new NodeResourcesBalancedAllocation(new NodeResourcesBalancedAllocationArgs())),
            Pair(new NodeResourcesBalancedAllocation(new NodeResourcesBalancedAllocationArgs { Resources = [new("cpu"), new("memory"), new(Gpu)] })),
        };
        var shapes = Enumerable.Range(0, 4).Select(t => RandomPod(random, $"shape-{t}", snapshot.NodeInfos)).ToArray();
        var added = new List<PodInfo>();
        var compared = 0;
        for (var step = 0; step < 250; step++)
        {
            ChangeCluster(random, snapshot, added, step);
            var all = snapshot.NodeInfos.ToArray();
            var start = random.Next(all.Length);
            var window = all.Skip(start).Concat(all.Take(start)).Take(1 + random.Next(all.Length)).ToList();
            if (random.Next(4) == 0)
            {
                // A clone (preemption's dry runs make them) is the same node in another object.
                var clone = window[random.Next(window.Count)].Clone();
                clone.AddPod(RandomPod(random, $"on-clone-{step}", all));
                window.Add(clone);
            }

            // Half the time a window of the snapshot's list itself, scored from its rows.
            var list = (NodeInfo[])snapshot.NodeInfos;
            var fromList = random.Next(2) == 0;
            var listWindow = list.AsMemory(start, 1 + random.Next(list.Length - start));
            var nodes = fromList ? listWindow.ToArray() : window.ToArray();
            var pod = random.Next(5) == 0 ? RandomPod(random, $"one-off-{step}", all) : shapes[random.Next(shapes.Length)];
            foreach (var (preScore, plugin) in plugins)
            {
                var state = new CycleState();
                if (!preScore.PreScore(state, pod, nodes).IsSuccess)
                {
                    continue;
                }

                var scores = new long[nodes.Length];
                plugin.ScoreNodes(state, pod, fromList ? listWindow.Span : nodes, scores);
                var expected = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
                Assert.That(scores, Is.EqualTo(expected), $"{plugin.Name} at step {step}");
                compared += nodes.Length;
            }
        }

        Assert.That(compared, Is.GreaterThan(10_000));

        static (IPreScorePlugin, IBatchScorePlugin) Pair<T>(T plugin)
            where T : IPreScorePlugin, IBatchScorePlugin => (plugin, plugin);
    }

    [TestCase(41, 150)]
    [TestCase(42, 1_200)]
    public void The_filter_pass_over_a_run_records_the_first_plugin_that_rejects_each_node(int seed, int nodeCount)
    {
        // The search takes a rejected node's status from the plugins from the one recorded on: it must be
        // the first plugin whose Filter rejects the node (an earlier one, and the status would not be the
        // node-by-node one; a later one, and a plugin's rejection would be reported as another's).
        var random = new RandomStreams((ulong)seed).For("batch");
        var snapshot = RandomCluster(random, nodeCount);
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var nodes = (NodeInfo[])snapshot.NodeInfos;
        var byPlugin = new HashSet<int>();
        for (var p = 0; p < 40; p++)
        {
            var pod = RandomPod(random, $"pod-{p}", nodes);
            var state = new CycleState();
            Assume.That(profile.RunPreFilterPlugins(state, pod, nodes, out _).IsSuccess, Is.True);
            var passes = new bool[nodes.Length];
            var rejectedBy = new byte[nodes.Length];
            Array.Fill(passes, true);
            Array.Fill(rejectedBy, SchedulerProfile.NotRejected);
            profile.FilterNodes(state, pod, nodes, passes, rejectedBy);
            for (var n = 0; n < nodes.Length; n++)
            {
                var first = SchedulerProfile.NotRejected;
                for (var f = 0; f < profile.FilterPlugins.Count; f++)
                {
                    if ((state.SkipFilter & (1UL << f)) == 0 && !profile.FilterPlugins[f].Filter(state, pod, nodes[n]).IsSuccess)
                    {
                        first = (byte)f;
                        break;
                    }
                }

                Assert.That(rejectedBy[n], Is.EqualTo(first), $"first rejecting plugin of {nodes[n].Name} for {pod.Pod.Metadata.Name}");
                Assert.That(passes[n], Is.EqualTo(first == SchedulerProfile.NotRejected));
                byPlugin.Add(first);
            }
        }

        Assert.That(byPlugin.Count, Is.GreaterThanOrEqualTo(3), "nodes rejected by at least two different plugins, and nodes passed");
    }

    [TestCase(11, 150)]
    [TestCase(12, 150)]
    [TestCase(13, 400)]
    [TestCase(14, 1_200)]
    public void The_search_in_runs_finds_the_nodes_statuses_and_start_index_of_the_node_by_node_search(int seed, int nodeCount)
    {
        var random = new RandomStreams((ulong)seed).For("batch");
        var snapshot = RandomCluster(random, nodeCount);
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var algorithm = new SchedulingAlgorithm(new RandomStreams((ulong)seed).For("select-host"));
        var nodes = snapshot.NodeInfos;
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < 60; p++)
        {
            var pod = RandomPod(random, $"pod-{p}", nodes);
            var start = algorithm.NextStartNodeIndex;

            // The reference: upstream's loop, node by node from the start index with the plugins' Filter.
            var state = new CycleState();
            Assert.That(profile.RunPreFilterPlugins(new CycleState(), pod, nodes, out var preResult).IsSuccess, Is.True);
            Assume.That(preResult is null || preResult.AllNodes, "the random pods set no node name");
            profile.RunPreFilterPlugins(state, pod, nodes, out _);
            var wanted = SchedulingAlgorithm.NumFeasibleNodesToFind(0, nodes.Count);
            var feasible = new List<string>();
            var rejected = new Dictionary<string, Status>(StringComparer.Ordinal);
            var processed = 0;
            for (var i = 0; i < nodes.Count && feasible.Count < wanted; i++, processed++)
            {
                var node = nodes[(start + i) % nodes.Count];
                var status = profile.RunFilterPlugins(state, pod, node);
                if (status.IsSuccess)
                {
                    feasible.Add(node.Name);
                }
                else
                {
                    rejected.Add(node.Name, status);
                }
            }

            var result = algorithm.Schedule(profile, new CycleState(), pod, snapshot);
            Assert.That(result.FeasibleNodes, Is.EqualTo(feasible.Count), $"feasible nodes for {pod.Pod.Metadata.Name}");
            Assert.That(result.Diagnosis.Statuses.Keys, Is.EquivalentTo(rejected.Keys), $"rejected nodes for {pod.Pod.Metadata.Name}");
            foreach (var (name, status) in rejected)
            {
                Assert.That(result.Diagnosis.Statuses[name], Is.EqualTo(status), $"status of {name} for {pod.Pod.Metadata.Name}");
            }

            Assert.That(algorithm.NextStartNodeIndex, Is.EqualTo((start + processed) % nodes.Count));
            if (feasible.Count > 1)
            {
                Assert.That(feasible, Does.Contain(result.SuggestedHost));
            }
            else
            {
                Assert.That(result.SuggestedHost, Is.EqualTo(feasible.SingleOrDefault()));
            }

            outcomes.Add(feasible.Count == 0 ? "none" : rejected.Count == 0 ? "all" : "some");
            if (result.SuggestedHost is { } host)
            {
                snapshot.AddPod(new PodInfo(pod.Pod with { Spec = pod.Pod.Spec with { NodeName = host } }), host);
            }
        }

        Assert.That(outcomes, Does.Contain("some"), "the random cluster rejects some nodes for some pods");
    }

    [TestCase(31, 1_200)]
    [TestCase(32, 350)]
    public void With_every_node_feasible_the_cycle_chooses_as_the_node_by_node_search_and_scoring_would(int seed, int nodeCount)
    {
        // Every node fits every pod: the search passes all the nodes it needs and the cycle scores that
        // window of the node list in place, or of the list laid out twice when the window wraps past the
        // list's end; the resource scores and PodTopologySpread's (zone and hostname constraints, which
        // every node has the keys of) are then read from the node table's rows and columns. The reference
        // scores a copy of the window, node by node. A rack constraint, whose key some nodes lack, ignores
        // those nodes and takes the node-by-node path in both.
        var nodes = Enumerable.Range(0, nodeCount).Select(i =>
        {
            var node = St.MakeNode().Name($"n{i:D4}").Label(Node.ZoneLabel, $"zone-{i % 3}").Label(Node.HostnameLabel, $"n{i:D4}");
            node = i % 5 == 0 ? node : node.Label(RackLabel, $"rack-{i % 11}");
            return node.Capacity(("cpu", "64"), ("memory", "256Gi"), ("pods", "200")).Obj();
        });
        var snapshot = Snapshot.Create(nodes);
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var algorithm = new SchedulingAlgorithm(new RandomStreams((ulong)seed).For("select-host"));
        var reference = new RandomStreams((ulong)seed).For("select-host");
        var random = new RandomStreams((ulong)seed).For("pods");
        var all = snapshot.NodeInfos;
        var wanted = SchedulingAlgorithm.NumFeasibleNodesToFind(0, all.Count);
        var wrapped = 0;
        for (var p = 0; p < 60; p++)
        {
            var app = Apps[random.Next(Apps.Length)];
            var builder = St.MakePod().Name($"pod-{p}").Uid(p + 1).Label("app", app).Req(("cpu", $"{1 + random.Next(400)}m"), ("memory", $"{1 + random.Next(900)}Mi"));
            if (random.Next(4) != 0)
            {
                foreach (var key in new[] { Node.ZoneLabel, Node.HostnameLabel, RackLabel }.Where(k => random.Next(k == RackLabel ? 6 : 2) == 0))
                {
                    builder = builder.SpreadConstraint(1 + random.Next(3), key, WhenUnsatisfiable.ScheduleAnyway, $"app={app}");
                }
            }

            var pod = builder.Info();
            var start = algorithm.NextStartNodeIndex;
            var window = Enumerable.Range(0, wanted).Select(i => all[(start + i) % all.Count]).ToList();
            wrapped += start + wanted > all.Count ? 1 : 0;
            var state = new CycleState();
            Assert.That(profile.RunPreFilterPlugins(state, pod, all, out _).IsSuccess, Is.True);
            Assert.That(window.All(n => profile.RunFilterPlugins(state, pod, n).IsSuccess), Is.True, "every node fits");
            Assert.That(profile.RunPreScorePlugins(state, pod, window).IsSuccess, Is.True);
            var totals = new long[window.Count];
            Assert.That(profile.RunScorePlugins(state, pod, window, totals).IsSuccess, Is.True);
            var expected = SelectAgain(reference, [.. window], totals);

            var result = algorithm.Schedule(profile, new CycleState(), pod, snapshot);
            Assert.That(result.SuggestedHost, Is.EqualTo(expected), $"pod {p} from start {start}");
            Assert.That(result.FeasibleNodes, Is.EqualTo(wanted));
            Assert.That(algorithm.NextStartNodeIndex, Is.EqualTo((start + wanted) % all.Count));
            Assert.That(algorithm.Totals[..wanted].ToArray(), Is.EqualTo(totals));
            snapshot.AddPod(pod.AssumedOn(result.SuggestedHost!), result.SuggestedHost!);
        }

        Assert.That(wrapped, Is.GreaterThan(0), "some windows wrap past the list's end");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Plugins_that_score_every_node_alike_add_what_scoring_every_node_would(bool taintsAndImages)
    {
        // Without taints or images anywhere, TaintToleration and ImageLocality give every node one score,
        // which the cycle adds without scoring node by node; recording a breakdown scores every node.
        var nodes = Enumerable.Range(0, 40).Select(i =>
        {
            var node = St.MakeNode().Name($"n{i:D2}").Label(Node.ZoneLabel, $"zone-{i % 3}").Capacity(("cpu", $"{4 + (i % 5)}"), ("memory", "16Gi"), ("pods", "30"));
            if (taintsAndImages && i % 4 == 0)
            {
                node = node.Taints([new Taint("a", "v", TaintEffect.PreferNoSchedule)]).Images([(Images[i % Images.Length], 300L << 20)]);
            }

            return node.Obj();
        });
        var snapshot = Snapshot.Create(nodes);
        var profile = SchedulerProfile.Build(new ProfileConfig(), PluginRegistry.CreateDefault(), new FrameworkHandle(snapshot));
        var random = new RandomStreams(41).For("pods");
        var list = snapshot.NodeInfos;
        for (var p = 0; p < 20; p++)
        {
            var pod = St.MakePod().Name($"pod-{p}").Uid(p + 1).Container(St.Res(("cpu", $"{random.Next(2_000)}m"), ("memory", $"{random.Next(3_000)}Mi")), Images[random.Next(Images.Length)]).Info();
            var totals = new long[list.Count];
            var recorded = new long[list.Count];
            var breakdown = new ScoreBreakdown();
            var state = new CycleState { Facts = snapshot.Facts };
            Assert.That(profile.RunPreFilterPlugins(state, pod, list, out _).IsSuccess, Is.True);
            Assert.That(profile.RunPreScorePlugins(state, pod, list).IsSuccess, Is.True);
            Assert.That(profile.RunScorePlugins(state, pod, list, totals).IsSuccess, Is.True);
            Assert.That(profile.RunScorePlugins(state, pod, list, recorded, breakdown).IsSuccess, Is.True);
            Assert.That(totals, Is.EqualTo(recorded), $"pod {p}");
            var taintScores = list.Select(n => breakdown.For(n.Name)["TaintToleration"].Normalized).Distinct().ToList();
            Assert.That(taintScores, taintsAndImages ? Has.Count.GreaterThan(1) : Is.EqualTo(new[] { 100L }));
        }
    }

    [Test]
    public void SelectHost_keeps_the_node_and_the_generator_of_reservoir_sampling_drawn_node_by_node()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => new NodeInfo(St.MakeNode().Name($"n{i:D3}").Obj())).ToArray();
        var shapes = new RandomStreams(5).For("totals");
        for (ulong seed = 1; seed <= 200; seed++)
        {
            // Few distinct totals, often rising: many ties, and runs of ties that a higher total supersedes.
            var count = 1 + shapes.Next(nodes.Length);
            var levels = 1 + shapes.Next(6);
            var totals = Enumerable.Range(0, count).Select(i => (long)shapes.Next(levels) + (shapes.Next(4) == 0 ? i / 50 : 0)).ToArray();
            var reference = new RandomStreams(seed).For("select-host");
            var algorithm = new SchedulingAlgorithm(new RandomStreams(seed).For("select-host"));
            Assert.That(algorithm.SelectHost(nodes[..count], totals), Is.EqualTo(SelectAgain(reference, nodes[..count], totals)), $"seed {seed}");
            Assert.That(algorithm.SelectHost(nodes[..count], totals), Is.EqualTo(SelectAgain(reference, nodes[..count], totals)), $"the generators agree after, seed {seed}");
        }
    }

    private static string SelectAgain(SimRandom random, NodeInfo[] nodes, long[] totals)
    {
        var selected = 0;
        var best = totals[0];
        var ties = 1;
        for (var i = 1; i < nodes.Length; i++)
        {
            if (totals[i] > best)
            {
                (best, selected, ties) = (totals[i], i, 1);
            }
            else if (totals[i] == best && random.Next(++ties) == 0)
            {
                selected = i;
            }
        }

        return nodes[selected].Name;
    }

    private static void ChangeCluster(SimRandom random, Snapshot snapshot, List<PodInfo> added, int step)
    {
        var nodes = snapshot.NodeInfos;
        switch (random.Next(6))
        {
            case 0 or 1:
                // A pod placed (as the scheduler's assume does).
                var node = nodes[random.Next(nodes.Count)];
                var pod = St.MakePod().Name($"placed-{step}").Uid(2_000_000 + step).Node(node.Name).Req(("cpu", $"{random.Next(800)}m"), ("memory", $"{random.Next(1_500)}Mi")).Info();
                snapshot.AddPod(pod, node.Name);
                added.Add(pod);
                break;
            case 2 when added.Count != 0:
                var gone = added[random.Next(added.Count)];
                added.Remove(gone);
                snapshot.RemovePod(gone.Pod.Key);
                break;
            case 3:
                // The node object replaced: new allocatable, same pods.
                var updated = nodes[random.Next(nodes.Count)];
                snapshot.UpdateNode(St.MakeNode().Name(updated.Name).Label(Node.ZoneLabel, updated.Node.Metadata.Labels[Node.ZoneLabel])
                    .Capacity(("cpu", $"{1 + random.Next(8)}"), ("memory", $"{1 + random.Next(16)}Gi"), ("pods", "30"), (Gpu, $"{random.Next(3)}")).Obj());
                break;
            case 4 when nodes.Count > 20:
                // A node removed and another added.
                var removed = nodes[random.Next(nodes.Count)];
                added.RemoveAll(p => p.Pod.Spec.NodeName == removed.Name);
                snapshot.RemoveNode(removed.Name);
                snapshot.AddNode(St.MakeNode().Name($"new-{step}").Label(Node.ZoneLabel, "zone-0")
                    .Capacity(("cpu", $"{1 + random.Next(8)}"), ("memory", $"{1 + random.Next(16)}Gi"), ("pods", "30")).Obj());
                break;
        }
    }

    private static Snapshot RandomCluster(SimRandom random, int nodes)
    {
        var list = new List<Node>();
        for (var i = 0; i < nodes; i++)
        {
            var node = St.MakeNode().Name($"n{i:D4}")
                .Label(Node.ZoneLabel, $"zone-{i % 3}")
                .Capacity(("cpu", $"{random.Next(9)}"), ("memory", $"{random.Next(17)}Gi"), ("pods", $"{2 + random.Next(20)}"), ("ephemeral-storage", $"{random.Next(3) * 10}Gi"), (Gpu, $"{random.Next(3)}"));
            if (random.Next(10) == 0)
            {
                node = node.Unschedulable();
            }

            if (random.Next(3) == 0)
            {
                node = node.Taints([.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => new Taint(TaintKeys[random.Next(TaintKeys.Length)], "v", Effects[random.Next(Effects.Length)]))]);
            }

            if (random.Next(2) == 0)
            {
                // A label some nodes lack (spread constraints on it leave the others out), with more domains than
                // PodTopologySpread keeps in arrays.
                node = node.Label(RackLabel, $"rack-{random.Next(12)}");
            }

            if (random.Next(3) == 0)
            {
                node = node.Images([.. Images.Where(_ => random.Next(2) == 0).Select(image => (image, (long)(random.Next(1_000) + 1) << 20))]);
            }

            list.Add(node.Obj());
        }

        var snapshot = Snapshot.Create(list);
        for (var i = 0; i < nodes; i++)
        {
            var node = snapshot.NodeInfos[random.Next(nodes)];
            snapshot.AddPod(St.MakePod().Name($"existing-{i}").Uid(1_000_000 + i).Label("app", Apps[random.Next(Apps.Length)]).Node(node.Name).Req(("cpu", $"{random.Next(1_000)}m"), ("memory", $"{random.Next(2_000)}Mi")).Info(), node.Name);
        }

        return snapshot;
    }

    private static PodInfo RandomPod(SimRandom random, string name, IReadOnlyList<NodeInfo> nodes, bool nodeName = false)
    {
        var requests = new List<(string, string)> { ("cpu", $"{random.Next(3_000)}m"), ("memory", $"{random.Next(4_000)}Mi") };
        if (random.Next(4) == 0)
        {
            requests.Add(("ephemeral-storage", $"{random.Next(20)}Gi"));
        }

        if (random.Next(4) == 0)
        {
            requests.Add((Gpu, $"{1 + random.Next(2)}"));
        }

        var pod = St.MakePod().Name(name).Uid(random.Next(1, int.MaxValue)).Container(St.Res([.. requests]), Images[random.Next(Images.Length)]);
        if (random.Next(3) == 0)
        {
            pod = pod.Toleration(new Toleration(TaintKeys[random.Next(TaintKeys.Length)], TolerationOperator.Exists, Effect: random.Next(2) == 0 ? null : Effects[random.Next(Effects.Length)]));
        }

        if (random.Next(6) == 0)
        {
            pod = pod.Toleration(new Toleration("node.kubernetes.io/unschedulable", TolerationOperator.Exists, Effect: TaintEffect.NoSchedule));
        }

        if (random.Next(3) == 0)
        {
            // Spread with the pod's own ScheduleAnyway constraints (scored by PodTopologySpread).
            var app = Apps[random.Next(Apps.Length)];
            pod = pod.Label("app", app);
            foreach (var key in new[] { Node.ZoneLabel, Node.HostnameLabel, RackLabel }.Where(_ => random.Next(2) == 0))
            {
                pod = pod.SpreadConstraint(1 + random.Next(3), key, WhenUnsatisfiable.ScheduleAnyway, $"app={app}");
            }
        }

        if (nodeName && random.Next(5) == 0)
        {
            pod = pod.Node(nodes[random.Next(nodes.Count)].Name);
        }

        return pod.Info();
    }
}
