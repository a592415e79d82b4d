using System.Diagnostics;
using System.Text;
using Sim.Experiments.Scenarios;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>The files a scenario names (nodes, manifests, scheduler configurations) and the scenario file itself.</summary>
public class ScenarioFileTests
{
    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata: {name: big-0, labels: {topology.kubernetes.io/zone: zone-x}}
        status: {allocatable: {cpu: "64", memory: 256Gi, pods: "110"}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: big-1}
        status: {allocatable: {cpu: "64", memory: 256Gi, pods: "110"}}

        """;

    private const string App = """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec: {containers: [{name: c, image: app:1, resources: {requests: {cpu: 100m}}}]}

        """;

    private const string SchedulerConfig = """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
          pluginConfig:
          - name: NodeResourcesFit
            args: {scoringStrategy: {type: MostAllocated}}

        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = TempDirectory();

    [TearDown]
    public void DeleteFolder() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Nodes_manifests_and_scheduler_configurations_are_read_relative_to_the_scenario()
    {
        Write("nodes.yaml", Nodes);
        Write("app.yaml", App);
        Write("sched.yaml", SchedulerConfig);
        var path = Write("s.yaml", """
            name: files
            duration: 1h
            policies: [spread, {name: packed, config: sched.yaml}]
            cluster:
              pools: [{name: general, count: 2, allocatable: {cpu: 4, memory: 8Gi}}]
              nodes: [nodes.yaml]
            workloads:
            - {name: app, kind: Manifests, files: [app.yaml], start: 5m}
            faults:
            - {name: x-down, kind: ZoneOutage, zone: zone-x, at: 10m}
            - {name: big-down, kind: NodeFailure, nodes: [big-1, general-1], at: 10m, duration: 5m}

            """);

        var result = ScenarioReader.ReadFile(path, Options());

        Assert.That(Messages(result), Is.Empty);
        var s = result.Value!.Variants.Single();
        var app = (ManifestWorkload)s.Workloads.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Value.Path, Is.EqualTo(path));
            Assert.That(s.Cluster.Nodes.Select(n => n.Metadata.Name), Is.EqualTo(new[] { "big-0", "big-1" }));
            Assert.That(s.Cluster.Nodes[0].Status.Allocatable.MilliCpu, Is.EqualTo(64_000));
            Assert.That(app.Objects.Select(o => $"{o.Kind}/{o.Metadata.Name}"), Is.EqualTo(new[] { "PriorityClass/high", "Deployment/app" }));
            Assert.That(app.Start, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(s.Policies.Select(p => p.Name), Is.EqualTo(new[] { "spread", "packed" }));
            Assert.That(s.Policies[0].Configuration, Is.Null);
            Assert.That(s.Policies[1].Configuration!.Profiles.Single().PluginConfig, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Missing_files_are_reported_where_the_scenario_names_them()
    {
        var result = ScenarioReader.Read("""
            name: s
            duration: 1h
            policies: [{name: mine, config: none.yaml}]
            cluster:
              nodes: [missing.yaml]
            workloads:
            - {name: app, kind: Manifests, files: [gone.yaml]}

            """, "s.yaml", Options(_dir.FullName));

        Assert.That(Messages(result), Is.EqualTo(new[]
        {
            $"s.yaml:3:33: policies[0].config: file \"{Path.Combine(_dir.FullName, "none.yaml")}\" not found",
            $"s.yaml:5:11: cluster.nodes[0]: file \"{Path.Combine(_dir.FullName, "missing.yaml")}\" not found",
            $"s.yaml:7:40: workloads[0].files[0]: file \"{Path.Combine(_dir.FullName, "gone.yaml")}\" not found",
        }));
    }

    [Test]
    public void Errors_inside_a_named_file_name_that_file_and_come_where_it_is_named()
    {
        var nodes = Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus: {allocatable: {cpu: lots}}\n");
        Write("sched.yaml", SchedulerConfig.Replace("MostAllocated", "Most", StringComparison.Ordinal));

        var result = ScenarioReader.Read("""
            name: s
            duration: sometime
            policies: [{name: mine, config: sched.yaml}]
            cluster:
              nodes: [nodes.yaml]

            """, "s.yaml", Options(_dir.FullName));

        var sched = Path.Combine(_dir.FullName, "sched.yaml");
        Assert.That(Messages(result), Is.EqualTo(new[]
        {
            "s.yaml:2:11: duration: expected a duration such as 90s, 10m, 2h, 1h30m or 1d, got \"sometime\"",
            $"{sched}:7:36: profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: \"Most\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"",
            $"{nodes}:4:29: status.allocatable[cpu]: quantity 'lots' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3",
        }));
    }

    [Test]
    public void Nodes_files_must_hold_only_nodes_that_do_not_clash_with_pool_nodes()
    {
        Write("clash.yaml", Nodes.Replace("big-1", "general-1", StringComparison.Ordinal));
        Write("again.yaml", Nodes.Split("---")[0]);
        Write("app.yaml", App);

        var result = ScenarioReader.Read("""
            name: s
            duration: 1h
            policies: [spread]
            cluster:
              pools: [{name: general, count: 2, allocatable: {cpu: 4, memory: 8Gi}}]
              nodes: [clash.yaml, again.yaml, app.yaml]
            workloads:
            - {name: app, kind: Manifests, files: [clash.yaml]}

            """, "s.yaml", Options(_dir.FullName));

        Assert.That(Messages(result), Is.EqualTo(new[]
        {
            $"s.yaml:6:11: cluster.nodes[0]: node \"general-1\" in \"{Path.Combine(_dir.FullName, "clash.yaml")}\" has the name of a node of pool general (general-0 … general-1)",
            $"s.yaml:6:23: cluster.nodes[1]: node \"big-0\" in \"{Path.Combine(_dir.FullName, "again.yaml")}\" is also in \"{Path.Combine(_dir.FullName, "clash.yaml")}\"",
            $"s.yaml:6:35: cluster.nodes[2]: \"{Path.Combine(_dir.FullName, "app.yaml")}\" holds a PriorityClass (\"high\"); a nodes file holds only Nodes (other objects go in a workload of kind Manifests)",
            $"s.yaml:8:40: workloads[0].files[0]: \"{Path.Combine(_dir.FullName, "clash.yaml")}\" holds Node \"big-0\"; nodes go in cluster.nodes",
        }));
    }

    [Test]
    public void A_configuration_may_not_take_a_catalogue_name()
    {
        Write("sched.yaml", SchedulerConfig);

        var result = Read(Minimal.Replace("[kubernetes-default]", "[{name: spread, config: sched.yaml}]", StringComparison.Ordinal), _dir.FullName);

        Assert.That(Messages(result), Is.EqualTo(new[] { "s.yaml:3:19: policies[0].name: \"spread\" is the name of a catalogue policy; give the configuration another name" }));
    }

    [Test]
    public void A_missing_scenario_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_dir.FullName, "nope.yaml");

        var result = ScenarioReader.ReadFile(path, Options());

        Assert.That(Messages(result), Is.EqualTo(new[] { $"{path}: file not found" }));
    }

    [Test]
    public void An_empty_scenario_file_is_an_error()
    {
        var path = Write("empty.yaml", string.Empty);

        var result = ScenarioReader.ReadFile(path, Options());

        Assert.That(Messages(result), Is.EqualTo(new[] { $"{path}: empty file; expected a scenario: a mapping with name, duration, policies and cluster" }));
    }

    [Test]
    public void A_file_that_is_not_utf8_is_refused_at_the_first_bad_byte()
    {
        var path = Path.Combine(_dir.FullName, "latin1.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("name: s\ndescription: caf"), 0xE9, .. "\n"u8]);

        var result = ScenarioReader.ReadFile(path, Options());

        Assert.That(Messages(result), Is.EqualTo(new[] { $"{path}:2:17: invalid UTF-8 (byte 0xE9); expected a UTF-8 text file" }));
    }

    [Test]
    public void A_byte_order_mark_is_allowed()
    {
        var path = Path.Combine(_dir.FullName, "bom.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Minimal)]);

        var result = ScenarioReader.ReadFile(path, Options());

        Assert.That(Messages(result), Is.Empty);
    }

    [Test]
    public void A_100_MB_line_is_refused_quickly_without_reading_it()
    {
        var path = Path.Combine(_dir.FullName, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.Write("description: "u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'x');
            for (var i = 0; i < 100; i++)
            {
                stream.Write(chunk);
            }
        }

        var before = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var result = ScenarioReader.ReadFile(path, Options());

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.EqualTo(new[] { $"{path}: the file is 104,857,613 bytes long; at most 16,777,216 bytes are read" }));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(10_000_000));
        });
    }

    [Test]
    public void A_long_line_under_the_limit_is_read_in_bounded_time()
    {
        var text = Minimal + "description: " + new string('x', 8 << 20) + "\n";
        var watch = Stopwatch.StartNew();

        var result = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Value!.Variants.Single().Description, Has.Length.EqualTo(8 << 20));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void Text_beyond_the_limit_is_refused()
    {
        var result = Read(new string('#', (16 << 20) + 1));

        Assert.That(Messages(result), Is.EqualTo(new[] { "s.yaml: the scenario is 16,777,217 characters long; at most 16,777,216 are read" }));
    }
}
