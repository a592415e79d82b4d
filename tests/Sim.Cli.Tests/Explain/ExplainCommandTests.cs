using System.Text.Json;

namespace Sim.Cli.Tests.Explain;

/// <summary>
/// <c>sim explain</c> with small test plugins (see <see cref="ExplainTestPlugins"/>), so that every
/// number can be checked by hand. The cluster: n1 (zone a, 4 CPU, 3 used), n3 (zone a, 2 CPU),
/// n2 (zone b, 4 CPU, cordoned) and n4 (zone b, 8 CPU, two pods of 1 CPU); the snapshot interleaves
/// the zones, so the node order is n1, n2, n3, n4.
/// </summary>
public class ExplainCommandTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Node
        metadata: {name: n1, labels: {topology.kubernetes.io/zone: a, pool: blue}}
        status: {capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n3, labels: {topology.kubernetes.io/zone: a, pool: green}}
        status: {capacity: {cpu: "2", memory: 8Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n2, labels: {topology.kubernetes.io/zone: b, pool: green}}
        spec: {unschedulable: true}
        status: {capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n4, labels: {topology.kubernetes.io/zone: b, pool: green}}
        status: {capacity: {cpu: "8", memory: 8Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: big}
        spec: {nodeName: n1, containers: [{name: c, resources: {requests: {cpu: "3"}}}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: small-1}
        spec: {nodeName: n4, containers: [{name: c, resources: {requests: {cpu: "1"}}}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: small-2}
        spec: {nodeName: n4, containers: [{name: c, resources: {requests: {cpu: "1"}}}]}
        """;

    private static readonly string[] NodeOrder = ["n1", "n2", "n3", "n4"];

    private string _root = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-explain-tests", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "cluster.yaml"), Cluster);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Json_has_every_node_in_snapshot_order_with_its_verdict_scores_and_total()
    {
        var (code, output, error) = Explain(Pod(cpu: "2"), Config(score: "[{name: TestLeastPods, weight: 2}, {name: TestFreeCpu, weight: 3}]"), "--json");

        Assert.That(code, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var nodes = root.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(nodes.Select(n => n.GetProperty("name").GetString()), Is.EqualTo(NodeOrder));
            foreach (var node in nodes)
            {
                Assert.That(node.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "name", "feasible", "filter", "scores", "total" }));
            }

            Assert.That(Filter(nodes[0]), Is.EqualTo(("TestCpuFit", "Insufficient cpu")));
            Assert.That(Filter(nodes[1]), Is.EqualTo(("NodeUnschedulable", "node(s) were unschedulable")));
            Assert.That(nodes[0].GetProperty("feasible").GetBoolean(), Is.False);
            Assert.That(nodes[0].GetProperty("scores").EnumerateObject(), Is.Empty);
            Assert.That(nodes[0].GetProperty("total").ValueKind, Is.EqualTo(JsonValueKind.Null));

            // n3: no pods → least-pods normalized 100 (× 2 = 200); 2 − 0 − 2 CPU left → free 0 %.
            Assert.That(nodes[2].GetProperty("feasible").GetBoolean(), Is.True);
            Assert.That(nodes[2].GetProperty("filter").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Scores(nodes[2]), Is.EqualTo(new[] { ("TestLeastPods", 0L, 100L, 200L), ("TestFreeCpu", 0L, 0L, 0L) }));
            Assert.That(nodes[2].GetProperty("total").GetInt64(), Is.EqualTo(200));

            // n4: two pods, the most → normalized 0; 8 − 2 − 2 = 4 of 8 CPU left → 50 % (× 3 = 150).
            Assert.That(Scores(nodes[3]), Is.EqualTo(new[] { ("TestLeastPods", 2L, 0L, 0L), ("TestFreeCpu", 50L, 50L, 150L) }));
            Assert.That(nodes[3].GetProperty("total").GetInt64(), Is.EqualTo(150));

            Assert.That(root.GetProperty("selected").GetString(), Is.EqualTo("n3"));
            Assert.That(root.GetProperty("pod").GetString(), Is.EqualTo("default/web"));
            Assert.That(root.GetProperty("profile").GetString(), Is.EqualTo("default-scheduler"));
            Assert.That(root.GetProperty("tiedNodes").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("sampledNodes").GetInt32(), Is.EqualTo(4), "below 100 nodes every node is searched");
            Assert.That(root.GetProperty("message").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Json_is_the_only_thing_on_stdout_and_warnings_go_to_stderr()
    {
        var pod = Pod(cpu: "1").Replace("metadata: {", "metadata: {generation: 3, ", StringComparison.Ordinal);

        var (code, output, error) = Explain(pod, Config(score: "[{name: TestConstant}]"), "--json");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(() => JsonDocument.Parse(output).Dispose(), Throws.Nothing);
            Assert.That(error, Does.Contain("pod.yaml:3:12: warning: metadata.generation: not simulated; ignored"));
        });
    }

    [Test]
    public void A_tie_is_broken_by_the_seeded_choice_and_said_so()
    {
        var (_, first, _) = Explain(Pod(cpu: "1"), Config(score: "[{name: TestConstant}]"), "--json");
        var (_, second, _) = Explain(Pod(cpu: "1"), Config(score: "[{name: TestConstant}]"), "--json");
        var (_, human, _) = Explain(Pod(cpu: "1"), Config(score: "[{name: TestConstant}]"));

        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first), "deterministic");
            Assert.That(root.GetProperty("tiedNodes").GetInt32(), Is.EqualTo(3), "n1, n3 and n4 each score 7");
            Assert.That(root.GetProperty("selected").GetString(), Is.AnyOf("n1", "n3", "n4"));
            Assert.That(human, Does.Contain($"Selected: {root.GetProperty("selected").GetString()} (total 7; a tie among 3 nodes, broken by the scheduler's seeded random choice)."));
        });
    }

    [Test]
    public void The_table_shows_each_plugin_with_its_weight_and_raw_normalized_weighted_cells()
    {
        var (code, output, _) = Explain(Pod(cpu: "2"), Config(score: "[{name: TestLeastPods, weight: 2}, {name: TestFreeCpu, weight: 3}]"));

        var lines = output.Split('\n');
        string Row(string node) => lines.Single(l => l.StartsWith($"│ {node} ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(lines[0], Is.EqualTo("Pod default/web, profile default-scheduler: 2 of 4 node(s) feasible."));
            Assert.That(output, Does.Contain("TestLeastPods ×2").And.Contain("TestFreeCpu ×3"));
            Assert.That(Row("n1"), Does.Contain("TestCpuFit: Insufficient cpu"));
            Assert.That(Row("n2"), Does.Contain("NodeUnschedulable: node(s) were unschedulable"));
            Assert.That(Row("n3"), Does.Contain("passes").And.Contain("0 → 100 → 200").And.Contain("0 → 0 → 0").And.Contain("200"));
            Assert.That(Row("n4"), Does.Contain("2 → 0 → 0").And.Contain("50 → 50 → 150"));
            Assert.That(output, Does.Contain("Selected: n3 (total 200)."));
        });
    }

    [Test]
    public void When_no_node_fits_it_says_why_and_what_preemption_would_do()
    {
        var (code, output, _) = Explain(Pod(cpu: "16"), Config(score: "[{name: TestConstant}]", postFilter: "[{name: TestPreemption}]"), "--json");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, "the explanation is the result");
            Assert.That(root.GetProperty("selected").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("nodes").EnumerateArray().Select(Filter), Is.EqualTo(new[]
            {
                ("TestCpuFit", "Insufficient cpu"), ("NodeUnschedulable", "node(s) were unschedulable"), ("TestCpuFit", "Insufficient cpu"), ("TestCpuFit", "Insufficient cpu"),
            }));
            Assert.That(root.GetProperty("message").GetString(), Is.EqualTo("0/4 nodes are available: 1 node(s) were unschedulable, 3 Insufficient cpu."));
            var preemption = root.GetProperty("preemption");
            Assert.That(preemption.GetProperty("plugin").GetString(), Is.EqualTo("TestPreemption"));
            Assert.That(preemption.GetProperty("nominatedNode").GetString(), Is.EqualTo("n1"), "the first node rejected as merely Unschedulable");
        });
    }

    [Test]
    public void When_preemption_cannot_help_its_reason_is_part_of_the_message()
    {
        var pod = Pod(cpu: "16").Replace("labels: {app: web}", "labels: {app: web, victims: none}", StringComparison.Ordinal);

        var (code, output, _) = Explain(pod, Config(score: "[{name: TestConstant}]", postFilter: "[{name: TestPreemption}]"));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Does.Contain("No node fits: 0/4 nodes are available: 1 node(s) were unschedulable, 3 Insufficient cpu. No preemption victims found for incoming pod."));
            Assert.That(output, Does.Contain("Preemption: preemption cannot help: No preemption victims found for incoming pod"));
            Assert.That(output, Does.Not.Contain("TestConstant").And.Not.Contain("Total"), "nothing was scored: no score columns");
        });
    }

    [Test]
    public void Without_a_PostFilter_plugin_it_says_nothing_is_preempted()
    {
        var (code, output, _) = Explain(Pod(cpu: "16"), Config(score: "[{name: TestConstant}]"), "--json");

        using var json = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(json.RootElement.GetProperty("preemption").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(json.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()), Has.Member("No PostFilter plugin is configured, so nothing is preempted: the pod waits until the cluster changes."));
        });
    }

    [Test]
    public void A_PreFilter_rejection_applies_to_every_node()
    {
        var pod = Pod(cpu: "1").Replace("labels: {app: web}", "labels: {app: web, pool: closed}", StringComparison.Ordinal);

        var (code, output, _) = Explain(pod, Config(score: "[{name: TestConstant}]", preFilter: "[{name: TestPool}]"), "--json");

        using var json = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(json.RootElement.GetProperty("nodes").EnumerateArray().Select(Filter), Is.All.EqualTo(("TestPool", "the pod's pool is closed")));
            Assert.That(json.RootElement.GetProperty("message").GetString(), Is.EqualTo("0/4 nodes are available: the pod's pool is closed."));
        });
    }

    [Test]
    public void Nodes_outside_a_PreFilter_node_set_are_rejected_by_that_plugin()
    {
        var pod = Pod(cpu: "1").Replace("labels: {app: web}", "labels: {app: web, pool: blue}", StringComparison.Ordinal);

        var (code, output, _) = Explain(pod, Config(score: "[{name: TestConstant}]", preFilter: "[{name: TestPool}]"), "--json");

        using var json = JsonDocument.Parse(output);
        var nodes = json.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(Filter(nodes[0]), Is.EqualTo(((string?)null, (string?)null)), "n1 is in pool blue and has 1 CPU free");
            Assert.That(nodes.Skip(1).Select(Filter), Is.All.EqualTo(("TestPool", "node(s) didn't satisfy plugin(s) [TestPool]")));
            Assert.That(json.RootElement.GetProperty("selected").GetString(), Is.EqualTo("n1"));
            Assert.That(json.RootElement.GetProperty("sampledNodes").GetInt32(), Is.EqualTo(1), "sampling counts only the nodes PreFilter allowed");
        });
    }

    [Test]
    public void A_single_feasible_node_is_scored_anyway_and_the_output_says_the_real_cycle_would_not()
    {
        var (code, output, _) = Explain(Pod(cpu: "5"), Config(score: "[{name: TestFreeCpu}]"), "--json");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(root.GetProperty("selected").GetString(), Is.EqualTo("n4"));
            Assert.That(root.GetProperty("nodes")[3].GetProperty("total").GetInt64(), Is.EqualTo(12), "(8 − 2 − 5) × 100 / 8");
            Assert.That(root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()), Has.Member("Only one node is feasible: the real cycle takes it without scoring; the scores are shown for information."));
        });
    }

    [Test]
    public void A_pod_for_another_profile_is_placed_by_that_profile()
    {
        var pod = Pod(cpu: "1").Replace("containers:", "schedulerName: packer\n  containers:", StringComparison.Ordinal);
        var config = Config(score: "[{name: TestConstant}]") + "- schedulerName: packer\n  plugins:\n    multiPoint:\n      enabled: [{name: PrioritySort}, {name: DefaultBinder}, {name: TestFreeCpu}]\n      disabled: [{name: \"*\"}]\n";

        var (code, output, error) = Explain(pod, config, "--json");

        using var json = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(json.RootElement.GetProperty("profile").GetString(), Is.EqualTo("packer"));
            Assert.That(json.RootElement.GetProperty("nodes")[1].GetProperty("feasible").GetBoolean(), Is.True, "this profile has no NodeUnschedulable");
            Assert.That(json.RootElement.GetProperty("selected").GetString(), Is.EqualTo("n2"), "the most free CPU: (4 − 0 − 1) / 4 = 75 %, against 62 % on n4");
        });
    }

    [Test]
    public void The_pods_priority_comes_from_its_PriorityClass_in_the_cluster_file()
    {
        File.AppendAllText(Path.Combine(_root, "cluster.yaml"), "\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n");
        var high = Pod(cpu: "1").Replace("containers:", "priorityClassName: high\n  containers:", StringComparison.Ordinal);
        var unknown = Pod(cpu: "1").Replace("containers:", "priorityClassName: gold\n  priority: 7\n  containers:", StringComparison.Ordinal);

        var (_, fromClass, _) = Explain(high, Config(score: "[{name: TestConstant}]"), "--json");
        var (_, fromSpec, _) = Explain(unknown, Config(score: "[{name: TestConstant}]"), "--json");

        using var resolved = JsonDocument.Parse(fromClass);
        using var kept = JsonDocument.Parse(fromSpec);
        Assert.Multiple(() =>
        {
            Assert.That(resolved.RootElement.GetProperty("priority").GetInt32(), Is.EqualTo(1000));
            Assert.That(kept.RootElement.GetProperty("priority").GetInt32(), Is.EqualTo(7));
            Assert.That(kept.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()),
                Has.Member("PriorityClass(es) gold are not in the cluster file: the pods naming them keep their spec.priority."));
        });
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string? pod, string? config, string[] extra, string expected) =>
            new TestCaseData(pod, config, extra, expected).SetName(name);

        yield return Case("missing pod file", null, null, [], "error: {root}/pod.yaml: file not found");
        yield return Case("YAML syntax error in the pod file", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n", null, [], "error: {root}/pod.yaml:4:1: YAML syntax error");
        yield return Case("invalid pod", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {requests: {cpu: lots}}}]}\n", null, [],
            "error: {root}/pod.yaml:4:59: spec.containers[0].resources.requests[cpu]: quantity 'lots' is not a number with a suffix");
        yield return Case("two pods in the pod file", Pod("1") + "---\n" + Pod("1").Replace("name: web", "name: web-2", StringComparison.Ordinal), null, [],
            "error: {root}/pod.yaml: expected exactly one Pod to place, found 2: default/web, default/web-2");
        yield return Case("no pod in the pod file", "apiVersion: v1\nkind: Node\nmetadata: {name: x}\n", null, [], "error: {root}/pod.yaml: expected exactly one Pod to place, found none");
        yield return Case("unknown plugin in the config", Pod("1"), Config(score: "[{name: TestConstan}]"), [],
            "error: {root}/sched.yaml:7:116: profiles[0].plugins.multiPoint.enabled[4].name: Invalid value: \"TestConstan\": no plugin of that name (did you mean \"TestConstant\"?)");
        yield return Case("no profile for the pod's scheduler", Pod("1").Replace("containers:", "schedulerName: nope\n  containers:", StringComparison.Ordinal), Config(score: "[{name: TestConstant}]"), [],
            "error: {root}/pod.yaml: spec.schedulerName: no profile named \"nope\" in {root}/sched.yaml; profiles: default-scheduler");
        yield return Case("a profile that cannot be built", Pod("1"),
            "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: PrioritySort}]\n      disabled: [{name: \"*\"}]\n", [],
            "error: {root}/sched.yaml: profile \"default-scheduler\": at least one bind plugin is required");
        yield return Case("missing --cluster", Pod("1"), null, ["--no-cluster"], "Option '--cluster' is required.");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Bad_input_exits_1_with_the_error_on_stderr(string? pod, string? config, string[] extra, string expected)
    {
        var args = new List<string> { "explain" };
        if (!extra.Contains("--no-cluster"))
        {
            args.AddRange(["--cluster", Path.Combine(_root, "cluster.yaml")]);
        }

        args.AddRange(["--pod", Path.Combine(_root, "pod.yaml")]);
        if (pod is not null)
        {
            File.WriteAllText(Path.Combine(_root, "pod.yaml"), pod);
        }

        if (config is not null)
        {
            File.WriteAllText(Path.Combine(_root, "sched.yaml"), config);
            args.AddRange(["--config", Path.Combine(_root, "sched.yaml")]);
        }

        var (code, output, error) = SimCli.Run(ExplainTestPlugins.Registry(), [.. args]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error + output, Does.Contain(expected.Replace("{root}", _root, StringComparison.Ordinal)));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void A_plugin_error_is_a_run_failure_exit_2()
    {
        File.WriteAllText(Path.Combine(_root, "cluster.yaml"), Cluster.Replace("pool: blue", "pool: blue, broken: \"true\"", StringComparison.Ordinal));

        var (code, output, error) = Explain(Pod("1"), Config(score: "[{name: TestConstant}]", filter: "[{name: TestBroken}]"), "--json");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.Trim(), Is.EqualTo("error: Filter failed on node n1: running \"TestBroken\" filter plugin: disk on fire"));
        });
    }

    private (int Code, string Output, string Error) Explain(string pod, string config, params string[] extra)
    {
        File.WriteAllText(Path.Combine(_root, "pod.yaml"), pod);
        File.WriteAllText(Path.Combine(_root, "sched.yaml"), config);
        string[] args = ["explain", "--cluster", Path.Combine(_root, "cluster.yaml"), "--pod", Path.Combine(_root, "pod.yaml"), "--config", Path.Combine(_root, "sched.yaml"), .. extra];
        return SimCli.Run(ExplainTestPlugins.Registry(), args);
    }

    private static string Pod(string cpu) => $$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers:
          - name: web
            resources: {requests: {cpu: "{{{cpu}}}"}}
        """ + "\n";

    /// <summary>A profile with PrioritySort, NodeUnschedulable, TestCpuFit and DefaultBinder, plus the given plugins.</summary>
    private static string Config(string score, string? postFilter = null, string? preFilter = null, string? filter = null)
    {
        var text = $$"""
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
              plugins:
                multiPoint:
                  enabled: [{name: PrioritySort}, {name: NodeUnschedulable}, {name: TestCpuFit}, {name: DefaultBinder}, {{score.Trim('[', ']')}}]
                  disabled: [{name: "*"}]
            """ + "\n";
        foreach (var (point, set) in new[] { ("postFilter", postFilter), ("preFilter", preFilter), ("filter", filter) })
        {
            if (set is not null)
            {
                text += $"    {point}:\n      enabled: {set}\n";
            }
        }

        return text;
    }

    private static (string? Plugin, string? Reason) Filter(JsonElement node) =>
        node.GetProperty("filter").ValueKind == JsonValueKind.Null
            ? (null, null)
            : (node.GetProperty("filter").GetProperty("plugin").GetString(), node.GetProperty("filter").GetProperty("reason").GetString());

    private static (string Plugin, long Raw, long Normalized, long Weighted)[] Scores(JsonElement node) =>
        [.. node.GetProperty("scores").EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("raw").GetInt64(), p.Value.GetProperty("normalized").GetInt64(), p.Value.GetProperty("weighted").GetInt64()))];
}
