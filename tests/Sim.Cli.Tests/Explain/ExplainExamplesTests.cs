using System.Text.Json;
using Sim.Kubernetes;
using Sim.Scheduling;

namespace Sim.Cli.Tests.Explain;

/// <summary>
/// <c>sim explain</c> on the README's example files in <c>examples/explain/</c> with the in-tree
/// plugins and the default profile.
/// </summary>
/// <remarks>
/// The tests in the <c>DefaultProfile</c> category need every default plugin (TaintToleration,
/// NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread, InterPodAffinity,
/// NodeResourcesBalancedAllocation, ImageLocality). Until they are all registered these tests are
/// inconclusive (an explicit <see cref="Assume"/>), not passed; once they are, they check the
/// upstream reasons and the hand-computed scores below.
/// </remarks>
public class ExplainExamplesTests
{
    private static readonly string Examples = Path.Combine(RepositoryRoot(), "examples", "explain");

    [Test]
    public void The_example_cluster_and_pod_are_read_without_a_warning()
    {
        var cluster = KubernetesYamlReader.ReadFile(Path.Combine(Examples, "cluster.yaml"));
        var pod = KubernetesYamlReader.ReadFile(Path.Combine(Examples, "pod.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(cluster.Diagnostics.Concat(pod.Diagnostics), Is.Empty);
            Assert.That(cluster.Value!.Nodes.Select(n => n.Metadata.Labels[Cluster.Objects.Node.ZoneLabel]).Distinct(), Is.EqualTo(new[] { "zone-a", "zone-b" }));
            Assert.That(cluster.Value.Nodes, Has.Length.EqualTo(4));
            Assert.That(cluster.Value.Pods.Select(p => p.Spec.NodeName), Is.EqualTo(new[] { "node-a1", "node-a2", "node-b1" }));
            Assert.That(pod.Value!.Pods.Single().Metadata.Name, Is.EqualTo("web-3"));
        });
    }

    [Test]
    public void Without_the_default_plugins_the_default_profile_is_a_run_failure_that_names_the_missing_plugin()
    {
        var registry = PluginRegistry.CreateDefault();
        var missing = MissingDefaultPlugins(registry);
        Assume.That(missing, Is.Not.Empty, "every default plugin is registered: the DefaultProfile tests cover this case");

        var (code, output, error) = SimCli.Run(registry, "explain", "--cluster", Path.Combine(Examples, "cluster.yaml"), "--pod", Path.Combine(Examples, "pod.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith($"error: default configuration: plugin \"{missing[0]}\" does not exist"));
        });
    }

    [Test]
    [Category("DefaultProfile")]
    public void The_README_example_packs_the_pod_onto_node_a1()
    {
        RequireDefaultPlugins();

        var root = ExplainJson("--config", Path.Combine(Examples, "scheduler-config.yaml"));

        var nodes = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(nodes.Keys, Is.EqualTo(new[] { "node-a1", "node-b1", "node-a2", "node-b2" }), "zones interleaved, as the scheduler searches them");
            Assert.That(Filter(nodes["node-b1"]), Is.EqualTo(("NodeResourcesFit", "Insufficient cpu")), "3.8 CPU allocatable, 3 used by db-0");
            Assert.That(Filter(nodes["node-b2"]), Is.EqualTo(("TaintToleration", "node(s) had untolerated taint(s)")));
            Assert.That(root.GetProperty("scorePlugins").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("weight").GetInt32())), Is.EqualTo(new (string?, int)[]
            {
                ("TaintToleration", 3), ("NodeAffinity", 2), ("NodeResourcesFit", 1), ("PodTopologySpread", 2), ("InterPodAffinity", 2),
                ("NodeResourcesBalancedAllocation", 1), ("ImageLocality", 3),
            }), "ImageLocality's weight comes from the config");
            foreach (var name in new[] { "node-a1", "node-a2" })
            {
                var node = nodes[name];
                Assert.That(Filter(node), Is.EqualTo(((string?)null, (string?)null)), name);
                Assert.That(node.GetProperty("total").GetInt64(), Is.EqualTo(node.GetProperty("scores").EnumerateObject().Sum(s => s.Value.GetProperty("weighted").GetInt64())), name);
                Assert.That(Score(node, "TaintToleration"), Is.EqualTo((0L, 100L, 300L)), name);
                Assert.That(node.GetProperty("scores").TryGetProperty("InterPodAffinity", out _), Is.False, "no pod has affinity: PreScore skips it");
            }

            // Preferred disktype=ssd (weight 50): only node-a1 has it.
            Assert.That(Score(nodes["node-a1"], "NodeAffinity"), Is.EqualTo((50L, 100L, 200L)));
            Assert.That(Score(nodes["node-a2"], "NodeAffinity"), Is.EqualTo((0L, 0L, 0L)));

            // MostAllocated over cpu and memory, pod included: node-a1 2000m/3800m → 52, 4Gi/15Gi → 26, mean 39;
            // node-a2 2000m/7800m → 25, 4Gi/31Gi → 12, mean 18.
            Assert.That(Score(nodes["node-a1"], "NodeResourcesFit"), Is.EqualTo((39L, 39L, 39L)));
            Assert.That(Score(nodes["node-a2"], "NodeResourcesFit"), Is.EqualTo((18L, 18L, 18L)));

            // Only node-a1 has the nginx image.
            Assert.That(Score(nodes["node-a1"], "ImageLocality").Raw, Is.GreaterThan(0));
            Assert.That(Score(nodes["node-a2"], "ImageLocality"), Is.EqualTo((0L, 0L, 0L)));
            Assert.That(root.GetProperty("selected").GetString(), Is.EqualTo("node-a1"));
        });
    }

    [Test]
    [Category("DefaultProfile")]
    public void The_default_profile_also_prefers_node_a1_for_its_ssd()
    {
        RequireDefaultPlugins();

        var root = ExplainJson();

        var nodes = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            // LeastAllocated: node-a1 (3800−2000)/3800 → 47, (15−4)/15 → 73, mean 60; node-a2 74 and 87, mean 80.
            Assert.That(Score(nodes["node-a1"], "NodeResourcesFit"), Is.EqualTo((60L, 60L, 60L)));
            Assert.That(Score(nodes["node-a2"], "NodeResourcesFit"), Is.EqualTo((80L, 80L, 80L)));
            Assert.That(root.GetProperty("scorePlugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ImageLocality").GetProperty("weight").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("selected").GetString(), Is.EqualTo("node-a1"));
        });
    }

    [Test]
    [Category("DefaultProfile")]
    public void A_pod_too_big_for_every_node_gets_the_fit_error_message()
    {
        RequireDefaultPlugins();
        var scratch = Path.Combine(Path.GetTempPath(), "sim-explain-examples", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(scratch);
        var pod = Path.Combine(scratch, "huge.yaml");
        File.WriteAllText(pod, File.ReadAllText(Path.Combine(Examples, "pod.yaml")).Replace("cpu: \"1\"", "cpu: \"100\"", StringComparison.Ordinal));

        try
        {
            var (code, output, _) = SimCli.Run(PluginRegistry.CreateDefault(), "explain", "--cluster", Path.Combine(Examples, "cluster.yaml"), "--pod", pod, "--json");

            using var json = JsonDocument.Parse(output);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero);
                Assert.That(json.RootElement.GetProperty("selected").ValueKind, Is.EqualTo(JsonValueKind.Null));
                Assert.That(json.RootElement.GetProperty("message").GetString(), Does.StartWith("0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu."));
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static JsonElement ExplainJson(params string[] extra)
    {
        string[] args = ["explain", "--cluster", Path.Combine(Examples, "cluster.yaml"), "--pod", Path.Combine(Examples, "pod.yaml"), "--json", .. extra];
        var (code, output, error) = SimCli.Run(PluginRegistry.CreateDefault(), args);
        Assert.That(code, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private static void RequireDefaultPlugins()
    {
        var missing = MissingDefaultPlugins(PluginRegistry.CreateDefault());
        Assume.That(missing, Is.Empty, $"waiting for the default plugins to be registered: {string.Join(", ", missing)}");
    }

    /// <summary>The default profile's plugins that are not registered (DefaultPreemption aside: explain runs without it).</summary>
    private static List<string> MissingDefaultPlugins(PluginRegistry registry) =>
        [.. DefaultPlugins.MultiPoint.Select(p => p.Name).Where(n => n != "DefaultPreemption" && !registry.Contains(n))];

    private static (string? Plugin, string? Reason) Filter(JsonElement node) =>
        node.GetProperty("filter").ValueKind == JsonValueKind.Null
            ? (null, null)
            : (node.GetProperty("filter").GetProperty("plugin").GetString(), node.GetProperty("filter").GetProperty("reason").GetString());

    private static (long Raw, long Normalized, long Weighted) Score(JsonElement node, string plugin)
    {
        var score = node.GetProperty("scores").GetProperty(plugin);
        return (score.GetProperty("raw").GetInt64(), score.GetProperty("normalized").GetInt64(), score.GetProperty("weighted").GetInt64());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }
}
