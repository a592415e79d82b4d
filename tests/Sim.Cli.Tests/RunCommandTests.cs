using System.Diagnostics;
using System.Globalization;

namespace Sim.Cli.Tests;

public class RunCommandTests
{
    private static readonly string[] Deterministic = ["summary.csv", "timeseries.csv", "stats.csv", "workloads.csv"];

    private string _root = null!;
    private string _scenario = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-cli-tests", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
        _scenario = TinyScenario.WriteTo(_root);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_run_writes_the_contract_files_with_the_contract_columns()
    {
        var (code, _, error) = CliRunner.Sim("run", _scenario, "--out", Out("a"), "--seeds", "1..2", "--no-plots");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(FirstLine("a", "summary.csv"), Does.StartWith("scenario,policy,seed,"));
            Assert.That(FirstLine("a", "timing.csv"), Is.EqualTo("scenario,policy,seed,wall_seconds,events,events_per_second,peak_memory_bytes,pods_per_wall_second"));
            Assert.That(FirstLine("a", "timeseries.csv"), Is.EqualTo("scenario,policy,seed,time_s,metric,value"));
            Assert.That(FirstLine("a", "stats.csv"), Is.EqualTo("scenario,policy,metric,n,mean,sd,ci95_low,ci95_high,baseline,diff_mean,diff_ci95_low,diff_ci95_high"));
            Assert.That(FirstLine("a", "workloads.csv"), Is.EqualTo("scenario,policy,seed,kind,namespace,name,metric,value"));
            Assert.That(File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")), Has.Length.EqualTo(1 + (3 * 2)));

            // 3 Deployments (5 measures) and their 3 Services (7 measures) per run.
            Assert.That(File.ReadAllLines(Path.Combine(Out("a"), "workloads.csv")), Has.Length.EqualTo(1 + (3 * 2 * ((3 * 5) + (3 * 7)))));
            Assert.That(File.Exists(Path.Combine(Out("a"), "events.jsonl")), Is.False, "events only when asked");
            Assert.That(Directory.GetFiles(Out("a"), "*.png"), Is.Empty, "--no-plots");
        });
    }

    [Test]
    public void The_same_seeds_give_byte_identical_results_whatever_the_parallelism()
    {
        CliRunner.Sim("run", _scenario, "--out", Out("a"), "--parallel", "1", "--no-plots");
        CliRunner.Sim("run", _scenario, "--out", Out("b"), "--parallel", "2", "--no-plots");

        Assert.Multiple(() =>
        {
            foreach (var file in Deterministic)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(Out("b"), file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("a"), file))), file);
            }
        });
    }

    [Test]
    public void Shards_run_as_separate_processes_merge_into_the_unsharded_output_byte_for_byte()
    {
        var (code, _, error) = CliRunner.Sim("run", _scenario, "--out", Out("whole"), "--events");
        Assert.That(code, Is.EqualTo(0), error);
        const int shards = 4;
        var processes = Enumerable.Range(1, shards)
            .Select(k => CliRunner.Start("run", _scenario, "--out", Out($"shard-{k}"), "--shard", $"{k}/{shards}", "--events", "--parallel", "1"))
            .ToList();
        foreach (var process in processes)
        {
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
            process.Dispose();
        }

        var merge = CliRunner.Sim(["merge", .. Enumerable.Range(1, shards).Select(k => Out($"shard-{k}")), "--out", Out("merged")]);

        Assert.Multiple(() =>
        {
            Assert.That(merge.Code, Is.EqualTo(0), merge.Error);
            foreach (var file in Deterministic.Append("events.jsonl"))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(Out("merged"), file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("whole"), file))), file);
            }

            Assert.That(File.Exists(Path.Combine(Out("merged"), "shard.json")), Is.False);
            Assert.That(Directory.GetFiles(Out("merged"), "*.png").Select(Path.GetFileName), Is.EquivalentTo(Directory.GetFiles(Out("whole"), "*.png").Select(Path.GetFileName)));
        });
    }

    [Test]
    public void The_shard_index_comes_from_the_indexed_job_variable()
    {
        var process = CliRunner.Start(["run", _scenario, "--out", Out("job"), "--shard", "3", "--no-plots"], ("JOB_COMPLETION_INDEX", "2"));
        process.WaitForExit();

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
            Assert.That(File.ReadAllText(Path.Combine(Out("job"), "shard.json")), Does.Contain("\"shard\": \"3/3\""));
        });
        process.Dispose();
    }

    [TestCase("3", "3")]
    [TestCase("2147483647", "2")]
    public void An_indexed_job_variable_beyond_the_shard_count_is_named_in_the_error(string index, string count)
    {
        var process = CliRunner.Start(["run", _scenario, "--out", Out("job-" + index), "--shard", count, "--no-plots"], ("JOB_COMPLETION_INDEX", index));
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain($"JOB_COMPLETION_INDEX='{index}': expected an index below the shard count of --shard {count}"));
            Assert.That(Directory.Exists(Out("job-" + index)), Is.False, "nothing is written");
        });
        process.Dispose();
    }

    [Test]
    public void The_confidence_interval_is_the_student_t_interval_over_seeds()
    {
        CliRunner.Sim("run", _scenario, "--out", Out("a"), "--no-plots");
        var summary = File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")).Select(l => l.Split(',')).ToList();
        var column = Array.IndexOf(summary[0], "cpu_utilization");
        var values = summary.Skip(1).Where(c => c[1] == "best-fit").Select(c => double.Parse(c[column], CultureInfo.InvariantCulture)).ToArray();
        var baseline = summary.Skip(1).Where(c => c[1] == "kubernetes-default").Select(c => double.Parse(c[column], CultureInfo.InvariantCulture)).ToArray();
        var row = File.ReadAllLines(Path.Combine(Out("a"), "stats.csv")).Select(l => l.Split(','))
            .Single(c => c[1] == "best-fit" && c[2] == "cpu_utilization");
        double Cell(int i) => double.Parse(row[i], CultureInfo.InvariantCulture);

        const double T975With2Df = 4.302652729911275;
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 2);
        var differences = values.Zip(baseline, (v, b) => v - b).ToArray();
        var dMean = differences.Average();
        var dSd = Math.Sqrt(differences.Sum(d => (d - dMean) * (d - dMean)) / 2);
        Assert.Multiple(() =>
        {
            Assert.That(column, Is.GreaterThan(2));
            Assert.That(Cell(3), Is.EqualTo(3));
            Assert.That(Cell(4), Is.EqualTo(mean).Within(1e-12));
            Assert.That(Cell(5), Is.EqualTo(sd).Within(1e-12));
            Assert.That(Cell(6), Is.EqualTo(mean - (T975With2Df * sd / Math.Sqrt(3))).Within(1e-9));
            Assert.That(Cell(7), Is.EqualTo(mean + (T975With2Df * sd / Math.Sqrt(3))).Within(1e-9));
            Assert.That(row[8], Is.EqualTo("kubernetes-default"));
            Assert.That(Cell(9), Is.EqualTo(dMean).Within(1e-12));
            Assert.That(Cell(10), Is.EqualTo(dMean - (T975With2Df * dSd / Math.Sqrt(3))).Within(1e-9));
        });
    }

    [Test]
    public void A_run_with_replication_metrics_draws_the_trade_off_scatter_of_each_measured_one()
    {
        var (code, _, error) = CliRunner.Sim("run", _scenario, "--out", Out("a"), "--seeds", "1..2");

        // The tiny scenario has Deployments (availability) but no traffic (no request success rate).
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(new FileInfo(Path.Combine(Out("a"), "tradeoff-availability_mean.png")).Length, Is.GreaterThan(1000));
            Assert.That(File.Exists(Path.Combine(Out("a"), "tradeoff-request_success_rate.png")), Is.False);
        });
    }

    [Test]
    public void The_workload_rows_average_to_the_summarys_availability_and_spread()
    {
        CliRunner.Sim("run", _scenario, "--out", Out("a"), "--seeds", "2", "--no-plots");
        var summary = File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")).Select(l => l.Split(',')).ToList();
        var rows = File.ReadAllLines(Path.Combine(Out("a"), "workloads.csv")).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Multiple(() =>
        {
            foreach (var run in summary.Skip(1))
            {
                var mine = rows.Where(r => r[1] == run[1]).ToList();
                double Mean(string kind, string metric) => mine
                    .Where(r => (kind == "Service") == (r[3] == "Service") && r[6] == metric)
                    .Select(r => double.Parse(r[7], CultureInfo.InvariantCulture)).Average();
                double Summary(string column) => double.Parse(run[Array.IndexOf(summary[0], column)], CultureInfo.InvariantCulture);

                Assert.That(mine.Where(r => r[3] == "Deployment").Select(r => r[5]).Distinct(), Is.EqualTo(new[] { "web-0", "web-1", "web-2" }));
                Assert.That(Mean("workload", "availability"), Is.EqualTo(Summary("availability_mean")).Within(1e-12), run[1]);
                Assert.That(Mean("Service", "nodes_mean"), Is.EqualTo(Summary("service_nodes_mean")).Within(1e-12), run[1]);
                Assert.That(mine.Where(r => r[6] == "replica_deficit_s").Sum(r => double.Parse(r[7], CultureInfo.InvariantCulture)), Is.EqualTo(Summary("replica_deficit_s")).Within(1e-6), run[1]);
            }
        });
    }

    [Test]
    public void Policies_and_seeds_on_the_command_line_replace_the_scenarios()
    {
        var (code, _, error) = CliRunner.Sim("run", _scenario, "--out", Out("a"), "--seeds", "7,9", "--policy", "spread", "--policy", "kubernetes-default", "--no-plots");
        var rows = File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")).Skip(1).Select(l => l.Split(',')).Select(c => $"{c[1]}/{c[2]}");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(rows, Is.EqualTo(new[] { "spread/7", "spread/9", "kubernetes-default/7", "kubernetes-default/9" }));
        });
    }

    [Test]
    public void Plots_are_written_unless_asked_not_to()
    {
        CliRunner.Sim("run", _scenario, "--out", Out("a"), "--seeds", "1..2");

        var plots = Directory.GetFiles(Out("a"), "*.png");
        Assert.Multiple(() =>
        {
            Assert.That(plots, Is.Not.Empty);
            Assert.That(plots.Select(p => new FileInfo(p).Length), Is.All.GreaterThan(5_000), "a drawn PNG, not an empty file");
        });
    }

    [TestCase(new[] { "run", "--seeds", "9..1" }, "error: --seeds '9..1'")]
    [TestCase(new[] { "run", "--bogus" }, "error: unknown option '--bogus'")]
    [TestCase(new[] { "run", "--shard", "5/4" }, "error: --shard '5/4': expected K/N with 1 <= K <= N, e.g. 2/8")]
    [TestCase(new[] { "run", "--policy", "fastest" }, "error: --policy fastest: not a policy of the scenario or of the catalogue; known: ")]
    [TestCase(new[] { "run", "--parallel", "0" }, "error: --parallel 0: expected at least 1")]
    [TestCase(new[] { "run", "missing.yaml" }, "error: missing.yaml")]
    [TestCase(new[] { "validate", "missing.yaml" }, "error: missing.yaml")]
    [TestCase(new[] { "merge", "missing-folder", "--out", "x" }, "error: missing-folder")]
    public void Bad_input_exits_1_with_a_clear_error_and_no_stack_trace(string[] args, string expected)
    {
        var (code, _, error) = CliRunner.Sim(args);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.StartWith(expected));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void An_invalid_scenario_is_refused_with_every_error_and_exit_1()
    {
        var path = TinyScenario.WriteTo(_root, TinyScenario.Text.Replace("count: 6", "count: -6", StringComparison.Ordinal).Replace("policies: [kubernetes-default", "policies: [kubernetes-defualt", StringComparison.Ordinal));

        var run = CliRunner.Sim("run", path, "--out", Out("a"));
        var validate = CliRunner.Sim("validate", path);

        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(1));
            Assert.That(validate.Code, Is.EqualTo(1));
            Assert.That(validate.Error, Is.EqualTo(run.Error), "run refuses a file with the messages validate gives");
            Assert.That(validate.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThanOrEqualTo(2), "every error at once");
            Assert.That(validate.Error, Does.Contain("tiny.yaml:6:"), "the policy's line");
            Assert.That(validate.Error, Does.Contain("tiny.yaml:10:"), "the count's line");
            Assert.That(Directory.Exists(Out("a")), Is.False, "nothing written");
        });
    }

    [Test]
    public void A_valid_scenario_validates_with_its_grid_size()
    {
        var (code, output, _) = CliRunner.Sim("validate", _scenario);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(output, Does.Contain("valid: scenario 'tiny', 1 variant(s) × 3 policies × 3 seeds = 9 runs"));
        });
    }

    [Test]
    public void The_built_in_quickstart_is_valid()
    {
        var text = Scenarios.ScenarioInput.BuiltInText();
        var result = Experiments.Scenarios.ScenarioReader.Read(text, Scenarios.ScenarioInput.BuiltInSource, Scenarios.ScenarioInput.Options(_root));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Policies_lists_the_catalogue()
    {
        var (code, _, _) = CliRunner.Sim("policies");

        Assert.That(code, Is.EqualTo(0));
    }

    [Test]
    public void An_unknown_verb_exits_1()
    {
        var (code, _, _) = CliRunner.Sim("frobnicate");

        Assert.That(code, Is.EqualTo(1));
    }

    private string Out(string name) => Path.Combine(_root, name);

    private string FirstLine(string run, string file) => File.ReadLines(Path.Combine(Out(run), file)).First();
}

/// <summary>Runs the <c>sim</c> command in this process, or as a separate process.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Sim(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var configuration = new System.CommandLine.InvocationConfiguration { Output = output, Error = error };
            var code = SimCommand.Run(SimCommand.Create(), args, configuration);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    public static Process Start(params string[] args) => Start(args, []);

    public static Process Start(string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
