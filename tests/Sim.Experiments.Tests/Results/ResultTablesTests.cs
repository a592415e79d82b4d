using System.Globalization;
using Sim.Experiments.Results;

namespace Sim.Experiments.Tests.Results;

public class ResultTablesTests
{
    private string _root = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-experiments-tests", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    /// <summary>2 scenarios × 3 policies × 4 seeds with values that make every statistic checkable.</summary>
    private static ResultTables Grid()
    {
        var tables = new ResultTables(["util", "pending"]);
        foreach (var scenario in new[] { "s1", "s2[nodes=10]" })
        {
            foreach (var (policy, offset) in new[] { ("base", 0.0), ("pack", 0.25), ("spread", -0.5) })
            {
                for (ulong seed = 1; seed <= 4; seed++)
                {
                    var row = new RunRow(scenario, policy, seed, [(seed * 0.1) + offset, seed + (offset * 4)])
                    {
                        Timing = [0.5, 1000L, 2000.0, 1L << 20, 40.0],
                        EventLog = "{\"time_s\":\"0\",\"change\":\"created\"}\n",
                    };
                    row.Series.Add(new SeriesPoint(0, "util", 0));
                    row.Series.Add(new SeriesPoint(60, "util", seed * 0.01));
                    row.Workloads.Add(new WorkloadMetric("Deployment", "default", "web, \"front\"", "availability", 1 - (seed * 0.001)));
                    row.Workloads.Add(new WorkloadMetric("Service", "default", "web", "request_success_rate", double.NaN));
                    tables.Rows.Add(row);
                }
            }
        }

        return tables;
    }

    [Test]
    public void Stats_hold_each_policy_and_its_paired_difference_from_the_first_policy()
    {
        var stats = Grid().Stats().ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var header = stats[0];
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        var pack = stats.Single(r => r[0] == "s1" && r[1] == "pack" && r[2] == "util");
        var baseline = stats.Single(r => r[0] == "s1" && r[1] == "base" && r[2] == "util");

        Assert.Multiple(() =>
        {
            Assert.That(string.Join(',', header), Is.EqualTo("scenario,policy,metric,n,mean,sd,ci95_low,ci95_high,baseline,diff_mean,diff_ci95_low,diff_ci95_high"));
            Assert.That(stats, Has.Count.EqualTo(1 + (2 * 3 * 2)));
            Assert.That(double.Parse(Cell(pack, "mean"), CultureInfo.InvariantCulture), Is.EqualTo(0.25 + 0.25).Within(1e-12));
            Assert.That(Cell(pack, "baseline"), Is.EqualTo("base"));

            // The difference is exactly 0.25 on every seed: the paired interval collapses onto it.
            Assert.That(double.Parse(Cell(pack, "diff_mean"), CultureInfo.InvariantCulture), Is.EqualTo(0.25).Within(1e-12));
            Assert.That(double.Parse(Cell(pack, "diff_ci95_low"), CultureInfo.InvariantCulture), Is.EqualTo(0.25).Within(1e-12));
            Assert.That(Cell(baseline, "diff_mean"), Is.Empty, "no difference of the baseline from itself");
        });
    }

    [Test]
    public void Files_read_back_write_the_same_bytes()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        Grid().WriteTo(first);

        ResultTables.ReadFrom(first).WriteTo(second);

        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "summary.csv", "timing.csv", "timeseries.csv", "stats.csv", "workloads.csv", "events.jsonl" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(second, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, file))), file);
            }
        });
    }

    [Test]
    public void Workload_rows_carry_their_run_kind_object_and_measure()
    {
        var directory = Path.Combine(_root, "workloads");
        Grid().WriteTo(directory);

        var lines = File.ReadAllLines(Path.Combine(directory, "workloads.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("scenario,policy,seed,kind,namespace,name,metric,value"));
            Assert.That(lines[1], Is.EqualTo("s1,base,1,Deployment,default,\"web, \"\"front\"\"\",availability,0.999"));
            Assert.That(lines[2], Is.EqualTo("s1,base,1,Service,default,web,request_success_rate,NaN"));
            Assert.That(lines, Has.Length.EqualTo(1 + (24 * 2)));
        });
    }

    [Test]
    public void Event_lines_carry_the_run_they_come_from()
    {
        var directory = Path.Combine(_root, "events");
        Grid().WriteTo(directory);

        var first = File.ReadLines(Path.Combine(directory, "events.jsonl")).First();

        Assert.That(first, Is.EqualTo("{\"scenario\":\"s1\",\"policy\":\"base\",\"seed\":1,\"time_s\":\"0\",\"change\":\"created\"}"));
    }

    [Test]
    public void Merged_shards_write_the_bytes_of_the_whole_grid()
    {
        var whole = Grid();
        whole.WriteTo(Path.Combine(_root, "whole"));
        const int shards = 5;
        var folders = new List<string>();
        for (var k = 1; k <= shards; k++)
        {
            var shard = new Shard(k, shards);
            var part = new ResultTables(whole.MetricNames);
            var indices = Enumerable.Range(0, whole.Rows.Count).Where(shard.Contains).ToList();
            part.Rows.AddRange(indices.Select(i => whole.Rows[i]));
            var folder = Path.Combine(_root, $"shard-{k}");
            part.WriteTo(folder);
            new ShardManifest { Scenario = "s", Shard = shard.ToString(), TotalRuns = whole.Rows.Count, Runs = indices }.WriteTo(folder);
            folders.Add(folder);
        }

        folders.Reverse();
        ShardMerger.Merge(folders).WriteTo(Path.Combine(_root, "merged"));

        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "summary.csv", "timeseries.csv", "stats.csv", "workloads.csv", "events.jsonl", "timing.csv" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(_root, "merged", file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_root, "whole", file))), file);
            }
        });
    }

    [Test]
    public void Merging_without_every_shard_names_a_missing_run()
    {
        var whole = Grid();
        var part = new ResultTables(whole.MetricNames);
        part.Rows.AddRange(whole.Rows.Where((_, i) => i % 2 == 0));
        var folder = Path.Combine(_root, "shard-1");
        part.WriteTo(folder);
        new ShardManifest { Scenario = "s", Shard = "1/2", TotalRuns = whole.Rows.Count, Runs = [.. Enumerable.Range(0, whole.Rows.Count).Where(i => i % 2 == 0)] }.WriteTo(folder);

        var error = Assert.Throws<InvalidDataException>(() => ShardMerger.Merge([folder]));

        Assert.That(error!.Message, Is.EqualTo("12 of 24 runs are missing (e.g. run 1); pass every shard's folder, from --shard 1/2 to 2/2"));
    }

    [Test]
    public void Merging_the_same_shard_twice_is_refused()
    {
        var whole = Grid();
        var folder = Path.Combine(_root, "all");
        whole.WriteTo(folder);
        new ShardManifest { Scenario = "s", Shard = "1/1", TotalRuns = whole.Rows.Count, Runs = [.. Enumerable.Range(0, whole.Rows.Count)] }.WriteTo(folder);

        var error = Assert.Throws<InvalidDataException>(() => ShardMerger.Merge([folder, folder]));

        Assert.That(error!.Message, Is.EqualTo($"{folder}: run 0 is also in another shard folder"));
    }

    [TestCase("{\"scenario\": \"s\", \"shard\": \"1/1\", \"total_runs\": -3, \"runs\": [0]}", "'total_runs' is -3; expected the number of runs of the grid (not negative)")]
    [TestCase("{\"scenario\": \"s\", \"shard\": \"1/1\", \"total_runs\": 24, \"runs\": null}", "'runs' is null; expected the value 'sim run --shard K/N' writes")]
    [TestCase("{\"scenario\": null, \"shard\": \"1/1\", \"total_runs\": 24, \"runs\": [0]}", "'scenario' is null; expected the value 'sim run --shard K/N' writes")]
    public void A_manifest_with_impossible_values_is_reported_with_its_file(string json, string expected)
    {
        var folder = Path.Combine(_root, "damaged-manifest");
        Grid().WriteTo(folder);
        File.WriteAllText(Path.Combine(folder, ShardManifest.FileName), json);

        var error = Assert.Throws<InvalidDataException>(() => ShardMerger.Merge([folder]));

        Assert.That(error!.Message, Is.EqualTo($"{Path.Combine(folder, ShardManifest.FileName)}: {expected}"));
    }

    [Test]
    public void A_manifest_claiming_a_huge_grid_reports_the_missing_runs_without_allocating_the_grid()
    {
        var whole = Grid();
        var folder = Path.Combine(_root, "huge");
        whole.WriteTo(folder);
        new ShardManifest { Scenario = "s", Shard = "1/1", TotalRuns = int.MaxValue, Runs = [.. Enumerable.Range(0, whole.Rows.Count)] }.WriteTo(folder);

        var error = Assert.Throws<InvalidDataException>(() => ShardMerger.Merge([folder]));

        Assert.That(error!.Message, Does.StartWith($"{int.MaxValue - whole.Rows.Count} of {int.MaxValue} runs are missing (e.g. run {whole.Rows.Count})"));
    }

    [Test]
    public void A_folder_without_a_manifest_is_not_a_shard()
    {
        var folder = Path.Combine(_root, "plain");
        Grid().WriteTo(folder);

        var error = Assert.Throws<InvalidDataException>(() => ShardMerger.Merge([folder]));

        Assert.That(error!.Message, Is.EqualTo($"{Path.Combine(folder, "shard.json")}: missing; expected the output folder of 'sim run --shard K/N'"));
    }

    [Test]
    public void A_damaged_summary_is_reported_with_its_line()
    {
        var folder = Path.Combine(_root, "damaged");
        Grid().WriteTo(folder);
        var lines = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        lines[3] = "s1,base,3,zero point three,3";
        File.WriteAllLines(Path.Combine(folder, "summary.csv"), lines);

        var error = Assert.Throws<InvalidDataException>(() => ResultTables.ReadFrom(folder));

        Assert.That(error!.Message, Is.EqualTo($"{Path.Combine(folder, "summary.csv")}:4: 'zero point three' is not a number"));
    }
}
