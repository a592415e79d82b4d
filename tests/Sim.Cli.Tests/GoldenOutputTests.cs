using Sim.Cli.Output;
using Sim.Experiments.Results;
using Spectre.Console;

namespace Sim.Cli.Tests;

/// <summary>
/// The tiny scenario's summary.csv and stats.csv, byte for byte, against copies saved in
/// Golden/tiny. A change in the model, the scheduler or the metrics that moves any number shows
/// here; when the change is intended, regenerate the copies with SIM_UPDATE_GOLDEN=1 and review the
/// diff in the commit.
/// </summary>
public class GoldenOutputTests
{
    private static readonly string[] Files = ["summary.csv", "stats.csv"];

    private string _root = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-cli-golden", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_tiny_scenario_writes_the_saved_summary_and_stats()
    {
        var scenario = TinyScenario.WriteTo(_root);
        var output = Path.Combine(_root, "out");
        var (code, _, error) = CliRunner.Sim("run", scenario, "--out", output, "--no-plots");
        Assert.That(code, Is.EqualTo(0), error);

        var golden = Path.Combine(RepositoryPaths.Root(), "tests", "Sim.Cli.Tests", "Golden", "tiny");
        if (Environment.GetEnvironmentVariable("SIM_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(golden);
            foreach (var file in Files)
            {
                File.Copy(Path.Combine(output, file), Path.Combine(golden, file), overwrite: true);
            }

            Assert.Ignore("golden copies rewritten; review and commit them");
        }

        Assert.Multiple(() =>
        {
            foreach (var file in Files)
            {
                Assert.That(File.ReadAllText(Path.Combine(output, file)), Is.EqualTo(File.ReadAllText(Path.Combine(golden, file))), file);
            }
        });
    }

    [Test]
    public void The_comparison_table_shows_each_policy_with_its_interval_and_its_difference_from_the_baseline()
    {
        var tables = new ResultTables(["cpu_utilization", "pending_pods_mean"]);
        foreach (var (policy, shift) in new[] { ("kubernetes-default", 0.0), ("most-allocated", 0.1) })
        {
            for (ulong seed = 1; seed <= 3; seed++)
            {
                tables.Rows.Add(new RunRow("demo", policy, seed, [0.5 + shift + (seed * 0.01), 2.0]));
            }
        }

        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        ComparisonTable.Print(tables, console);
        var printed = text.ToString();
        var flat = System.Text.RegularExpressions.Regex.Replace(printed, @"\s+", " ");

        // Means 0.52 and 0.62; the paired difference is exactly 0.1 on every seed, so its interval is [0.1, 0.1].
        Assert.Multiple(() =>
        {
            Assert.That(flat, Does.Contain("demo: mean [95% CI] over 3 seeds; Δ = paired difference from kubernetes-default [95% CI]"), "the title (wrapped to the table's width)");
            Assert.That(printed, Does.Contain("kubernetes-default").And.Contain("most-allocated"));
            Assert.That(printed, Does.Contain("cpu_utilization").And.Contain("pending_pods_mean"));
            Assert.That(printed, Does.Contain("0.52 [").And.Contain("0.62 ["));
            Assert.That(printed, Does.Contain("Δ +0.1 [0.1, 0.1]"));
        });
    }
}
