using System.Globalization;

namespace Sim.Cli.Tests;

/// <summary><c>sim run</c> on fill experiments: timeseries.csv against arrived_pct, the shipped FGD scenario, shards.</summary>
public class FillRunTests
{
    private string _root = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-cli-tests", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_shipped_fgd_scenario_gives_allocated_and_fragmented_gpu_for_every_arrived_pct_from_0_to_130()
    {
        var scenario = Path.Combine(RepositoryPaths.Root(), "scenarios", "fgd-openb-default.yaml");
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(RepositoryPaths.Root())!, "shared", "data", "alibaba-gpu-2023", "openb_pod_list_default.csv")))
        {
            Assert.Ignore("the openb trace is not in ../shared/data/alibaba-gpu-2023");
        }

        var (code, output, error) = CliRunner.Sim("run", scenario, "--out", Out("fgd"), "--seeds", "3", "--policy", "gpu-packing");

        Assert.That(code, Is.EqualTo(0), error);
        var series = File.ReadAllLines(Path.Combine(Out("fgd"), "timeseries.csv"));
        var rows = series.Skip(1).Select(l => l.Split(',')).ToList();
        var summary = File.ReadAllLines(Path.Combine(Out("fgd"), "summary.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(series[0], Is.EqualTo("scenario,policy,seed,arrived_pct,metric,value"));
            foreach (var metric in new[] { "allocated_gpu_pct", "fragmented_gpu_pct", "unallocated_gpu_pct" })
            {
                var points = rows.Where(r => r[4] == metric).ToList();
                Assert.That(points.Select(r => int.Parse(r[3], CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(0, 131)), metric);
                Assert.That(points.Select(r => double.Parse(r[5], CultureInfo.InvariantCulture)), Has.All.InRange(0.0, 100.0), metric);
            }

            Assert.That(summary[0], Does.StartWith("scenario,policy,seed,unallocated_gpu_pct_at_100,fragmented_gpu_pct_at_100,"));
            Assert.That(summary[1], Does.StartWith("fgd-openb-default,gpu-packing,3,"));
            Assert.That(output, Does.Contain("1 runs, ").And.Contain(" pod arrivals in "));
            Assert.That(File.Exists(Path.Combine(Out("fgd"), "series-unallocated_gpu_pct.png")), Is.True);
        });
    }

    [Test]
    public void Fill_shards_merge_into_the_unsharded_output_and_events_are_refused()
    {
        var scenario = WriteSmallFill();
        var whole = CliRunner.Sim("run", scenario, "--out", Out("whole"), "--no-plots");
        var first = CliRunner.Sim("run", scenario, "--out", Out("s1"), "--shard", "1/2");
        var second = CliRunner.Sim("run", scenario, "--out", Out("s2"), "--shard", "2/2");
        var merge = CliRunner.Sim("merge", Out("s1"), Out("s2"), "--out", Out("merged"));
        var events = CliRunner.Sim("run", scenario, "--out", Out("events"), "--events");

        Assert.Multiple(() =>
        {
            Assert.That((whole.Code, first.Code, second.Code, merge.Code), Is.EqualTo((0, 0, 0, 0)), whole.Error + first.Error + second.Error + merge.Error);
            foreach (var file in new[] { "summary.csv", "timeseries.csv", "stats.csv" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(Out("merged"), file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("whole"), file))), file);
            }

            Assert.That(File.ReadLines(Path.Combine(Out("merged"), "timeseries.csv")).First(), Is.EqualTo("scenario,policy,seed,arrived_pct,metric,value"));
            Assert.That(events.Code, Is.EqualTo(1));
            Assert.That(events.Error, Does.Contain("--events: a fill experiment has no event log"));
        });
    }

    /// <summary>Twelve GPU nodes and forty pods in the openb format, and a fill scenario of two policies × two seeds on them.</summary>
    private string WriteSmallFill()
    {
        var nodes = new List<string> { "sn,cpu_milli,memory_mib,gpu,model" };
        for (var i = 0; i < 12; i++)
        {
            nodes.Add(string.Create(CultureInfo.InvariantCulture, $"node-{i:D2},32000,131072,{(i % 3 == 0 ? 8 : 2)},V100M16"));
        }

        var pods = new List<string> { "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time" };
        for (var i = 0; i < 40; i++)
        {
            var (count, milli) = (i % 3) switch { 0 => (1, 500), 1 => (1, 1000), _ => (2, 1000) };
            pods.Add(string.Create(CultureInfo.InvariantCulture, $"pod-{i:D2},2000,4096,{count},{milli},,LS,Running,0,100,0"));
        }

        File.WriteAllLines(Path.Combine(_root, "nodes.csv"), nodes);
        File.WriteAllLines(Path.Combine(_root, "pods.csv"), pods);
        var path = Path.Combine(_root, "fill.yaml");
        File.WriteAllText(path, "name: small-fill\nseeds: 1..2\npolicies: [gpu-best-fit, fgd]\nfill: {nodes: nodes.csv, pods: pods.csv}\n");
        return path;
    }

    private string Out(string name) => Path.Combine(_root, name);
}
