using System.Globalization;
using Sim.Experiments.Fill;
using Sim.Experiments.Scenarios;
using Sim.Kubernetes;
using Sim.Scheduling.Policies;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>Fill experiments in scenario files (<c>fill</c>) and their runs through <see cref="RunExecutor"/>.</summary>
public class FillScenarioTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void WriteTrace()
    {
        _folder = TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(_folder.FullName, "data"));
        var nodes = new List<string> { "sn,cpu_milli,memory_mib,gpu,model" };
        for (var i = 0; i < 12; i++)
        {
            nodes.Add(string.Create(CultureInfo.InvariantCulture, $"node-{i:D2},32000,131072,{(i % 3 == 0 ? 8 : 2)},{(i % 2 == 0 ? "V100M16" : "T4")}"));
        }

        var pods = new List<string> { "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time" };
        for (var i = 0; i < 40; i++)
        {
            var (count, milli) = (i % 4) switch { 0 => (1, 500), 1 => (1, 1000), 2 => (2, 1000), _ => (0, 0) };
            pods.Add(string.Create(CultureInfo.InvariantCulture, $"pod-{i:D2},2000,4096,{count},{milli},{(i % 5 == 0 && count > 0 ? "V100M16" : string.Empty)},LS,Running,0,100,0"));
        }

        File.WriteAllLines(Path.Combine(data.FullName, "nodes.csv"), nodes);
        File.WriteAllLines(Path.Combine(data.FullName, "pods.csv"), pods);
        File.WriteAllLines(Path.Combine(data.FullName, "pods-bad.csv"), [pods[0], pods[1], "pod-x,2000,4096,1,-5,,LS,Running,0,100,0"]);
    }

    [TearDown]
    public void DeleteTrace() => _folder.Delete(recursive: true);

    private const string Fill = """
        name: f
        seeds: 1..2
        policies: [gpu-packing, fgd]
        fill:
          data: data
          nodes: nodes.csv
          pods: pods.csv

        """;

    private ReadResult<ScenarioFile> ReadFill(string text) =>
        ScenarioReader.Read(text, "s.yaml", Options(_folder.FullName) with { KnownPolicies = [.. PolicyCatalogue.All.Select(p => p.Name)] });

    [Test]
    public void A_fill_section_reads_the_trace_lists_and_the_options()
    {
        var result = ReadFill(Fill + "  inflate: 1.5\n  tieBreaking: first\n  maxArrivedPct: 150\n  popularityThreshold: 90\n  shuffle: false\n");

        Assert.That(Messages(result), Is.Empty);
        var scenario = result.Value!.Variants.Single();
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Fill, Is.Not.Null);
            Assert.That(scenario.Cluster.Nodes, Has.Length.EqualTo(12));
            Assert.That(scenario.Fill!.Pods, Has.Length.EqualTo(40));
            Assert.That(scenario.Fill.PodsFile, Is.EqualTo(Path.Combine(_folder.FullName, "data", "pods.csv")));
            Assert.That(scenario.Fill.Options, Is.EqualTo(new FillOptions
            {
                TargetRatio = 1.5,
                TieBreaking = FillTieBreaking.FirstInSearchOrder,
                MaxArrivedPct = 150,
                PopularityThreshold = 90,
                Shuffle = false,
            }));
            Assert.That(scenario.Duration, Is.EqualTo(TimeSpan.Zero));
            Assert.That(RunExecutor.MetricNamesFor(scenario), Is.EqualTo(FillMetrics.FinalNames));
            Assert.That(RunExecutor.XColumnFor(scenario), Is.EqualTo("arrived_pct"));
        });
    }

    [Test]
    public void A_fill_refuses_the_fields_of_a_simulation_in_time_and_names_bad_options()
    {
        var result = ReadFill(Fill.Replace("name: f\n", "name: f\nduration: 1h\ncluster: {pools: []}\n", StringComparison.Ordinal)
            + "  tieBreaking: frist\n  inflate: -1\n");

        Assert.That(Messages(result), Is.EquivalentTo(new[]
        {
            "s.yaml:2:11: duration: not used by a fill experiment (it places pods one at a time with no time, workloads or faults); remove duration",
            "s.yaml:3:10: cluster: a fill experiment's nodes come from fill.nodes; remove cluster",
            "s.yaml:10:16: fill.tieBreaking: unknown tie-breaking \"frist\"; expected uniform or first",
            "s.yaml:11:12: fill.inflate: expected a number that is not negative, got \"-1\"",
        }));
    }

    [Test]
    public void A_missing_list_or_a_bad_row_is_an_error_naming_the_file_line_and_column()
    {
        var missing = ReadFill(Fill.Replace("pods: pods.csv", "pods: nope.csv", StringComparison.Ordinal));
        var bad = ReadFill(Fill.Replace("pods: pods.csv", "pods: pods-bad.csv", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(missing.Value, Is.Null);
            Assert.That(Messages(missing).Single(), Does.StartWith("s.yaml:7:9: fill.pods: file \"").And.EndWith("nope.csv\" not found"));
            Assert.That(bad.Value, Is.Null);
            Assert.That(Messages(bad).Single(), Does.StartWith("s.yaml:7:9: fill.pods: ").And.Contain("pods-bad.csv:3:").And.Contain("gpu_milli"));
        });
    }

    [Test]
    public void A_sweep_over_the_pod_list_gives_one_variant_per_list()
    {
        File.Copy(Path.Combine(_folder.FullName, "data", "pods.csv"), Path.Combine(_folder.FullName, "data", "pods2.csv"));
        var result = ReadFill(Fill + "sweep:\n- parameter: fill.pods\n  label: trace\n  values: [pods.csv, pods2.csv]\n");

        Assert.That(Messages(result), Is.Empty);
        Assert.That(result.Value!.Variants.Select(v => (v.Name, Path.GetFileName(v.Fill!.PodsFile))),
            Is.EqualTo(new[] { ("f[trace=pods.csv]", "pods.csv"), ("f[trace=pods2.csv]", "pods2.csv") }));
    }

    [Test]
    public void A_fill_run_reports_what_the_fill_experiment_measures_against_arrived_pct()
    {
        var scenario = ReadFill(Fill).Value!.Variants.Single();
        var run = new RunSpec(0, scenario, scenario.Policies[1], 2);

        var result = RunExecutor.Execute(run);
        var direct = FillExperiment.Run(scenario.Cluster.Nodes, scenario.Fill!.Pods, PolicyCatalogue.All.Single(p => p.Name == "fgd"), scenario.Fill.Options with { Seed = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Final.Select(m => m.Name), Is.EqualTo(FillMetrics.FinalNames));
            Assert.That(result.Final, Is.EqualTo(FillMetrics.Final(direct)));
            Assert.That(result.Final.Single(m => m.Name == "arrived_pods").Value, Is.EqualTo(direct.Arrivals.Length));
            Assert.That(result.Final.Single(m => m.Name == "unallocated_gpu_pct_at_100").Value, Is.EqualTo(direct.At(100)!.UnallocatedPct));
            Assert.That(result.Series.Where(s => s.Metric == "allocated_gpu_pct").Select(s => s.TimeSeconds), Is.EqualTo(direct.Buckets.Select(b => (double)b.ArrivedPct)));
            Assert.That(result.Series.Where(s => s.Metric == "fragmented_gpu_pct").Select(s => s.Value), Is.EqualTo(direct.Buckets.Select(b => b.FragmentedPct)));
            Assert.That(result.Events, Is.EqualTo(direct.Arrivals.Length));
            Assert.That(result.PodsScheduled, Is.EqualTo(direct.Arrivals.Count(a => a.Node is not null)));
            Assert.That(result.EventLog, Is.Null);
        });
    }

    [Test]
    public void The_shipped_fgd_scenarios_are_valid_and_read_the_openb_lists()
    {
        var data = Path.Combine(Path.GetDirectoryName(RepositoryRoot())!, "shared", "data", "alibaba-gpu-2023", "openb_pod_list_default.csv");
        if (!File.Exists(data))
        {
            Assert.Ignore("the openb trace is not in ../shared/data/alibaba-gpu-2023");
        }

        var options = Options() with { KnownPolicies = [.. PolicyCatalogue.All.Select(p => p.Name)] };
        var single = ScenarioReader.ReadFile(Path.Combine(RepositoryRoot(), "scenarios", "fgd-openb-default.yaml"), options);
        var variants = ScenarioReader.ReadFile(Path.Combine(RepositoryRoot(), "scenarios", "fgd-openb-variants.yaml"), options);

        Assert.Multiple(() =>
        {
            Assert.That(Messages(single), Is.Empty);
            Assert.That(Messages(variants), Is.Empty);
            var scenario = single.Value!.Variants.Single();
            Assert.That(scenario.Cluster.Nodes, Has.Length.EqualTo(1213));
            Assert.That(scenario.Fill!.Pods, Has.Length.EqualTo(8152));
            Assert.That(scenario.Seeds, Has.Length.EqualTo(10));
            Assert.That(scenario.Policies.Select(p => p.Name), Is.EqualTo(new[] { "fgd-random", "fgd-dotprod", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd" }));
            Assert.That(scenario.Fill.Options, Is.EqualTo(new FillOptions()), "the method's defaults");
            Assert.That(variants.Value!.Variants.Select(v => Path.GetFileName(v.Fill!.PodsFile)), Is.EqualTo(new[]
            {
                "openb_pod_list_default.csv", "openb_pod_list_gpushare40.csv", "openb_pod_list_gpushare100.csv", "openb_pod_list_multigpu50.csv", "openb_pod_list_gpuspec33.csv",
            }));
        });
    }
}
