using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Cli.Demo;
using Sim.Cli.Output;
using Spectre.Console;

namespace Sim.Cli.Commands;

/// <summary><c>sim run [SCENARIO] [--out DIR] [--seeds 1..5]</c>.</summary>
internal static class RunCommand
{
    private static readonly string[] Metrics = ["p_wait", "wq_seconds", "w_seconds"];

    public static Command Create()
    {
        var scenario = new Argument<FileInfo?>("SCENARIO")
        {
            Description = "Scenario file. Without one, runs the built-in demo (M/M/c queues on the engine, against queueing theory).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for summary.csv, timing.csv and stats.csv (created if missing).",
            DefaultValueFactory = _ => new DirectoryInfo("out"),
        };
        var seeds = new Option<string>("--seeds")
        {
            Description = "Seeds to run: a range 1..10, a list 1,4,9, or one seed.",
            DefaultValueFactory = _ => "1..5",
        };

        var command = new Command("run", "Run a scenario over seeds and write the results.") { scenario, output, seeds };
        command.SetAction(parse => Execute(parse.GetValue(scenario), parse.GetValue(output)!, parse.GetValue(seeds)!));
        return command;
    }

    private static int Execute(FileInfo? scenario, DirectoryInfo output, string seedText)
    {
        if (scenario is not null && scenario.Name.StartsWith('-'))
        {
            Console.Error.WriteLine($"error: unknown option '{scenario.Name}'; see 'sim run --help'.");
            return ExitCodes.InvalidInput;
        }

        if (scenario is not null)
        {
            Console.Error.WriteLine($"error: {scenario.Name}: scenario files are not supported yet; run 'sim run' without a file for the built-in demo.");
            return ExitCodes.InvalidInput;
        }

        if (!SeedRange.TryParse(seedText, out var seedList, out var seedError))
        {
            Console.Error.WriteLine($"error: {seedError}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            Directory.CreateDirectory(output.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: --out '{output.FullName}': cannot create the folder: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var summary = new CsvTable("scenario", "policy", "seed", "customers", "events", "p_wait", "wq_seconds", "w_seconds");
        var timing = new CsvTable("scenario", "policy", "seed", "wall_seconds", "events", "events_per_second", "peak_memory_bytes");
        var stats = new CsvTable("scenario", "policy", "metric", "n", "mean", "sd", "ci95_low", "ci95_high", "theory");
        var table = new Table().AddColumns("scenario", "P(wait) theory", "P(wait) mean [[95% CI]]", "Wq theory (s)", "Wq mean [[95% CI]] (s)", "events/s");
        var totalEvents = 0L;
        var totalClock = Stopwatch.StartNew();

        foreach (var queue in QueueingDemo.Cases)
        {
            var perMetric = Metrics.ToDictionary(m => m, _ => new List<double>());
            var caseEvents = 0L;
            var caseWall = 0.0;
            foreach (var seed in seedList)
            {
                var clock = Stopwatch.StartNew();
                var result = queue.Build(seed).Run();
                var wall = clock.Elapsed.TotalSeconds;
                caseEvents += result.Events;
                caseWall += wall;
                summary.Row(queue.Name, QueueingDemo.Policy, seed, result.Customers, result.Events,
                    result.ProbabilityOfWaiting.Mean, result.WaitInQueue.Mean, result.TimeInSystem.Mean);
                timing.Row(queue.Name, QueueingDemo.Policy, seed, wall, result.Events, result.Events / wall,
                    Process.GetCurrentProcess().PeakWorkingSet64);
                perMetric["p_wait"].Add(result.ProbabilityOfWaiting.Mean);
                perMetric["wq_seconds"].Add(result.WaitInQueue.Mean);
                perMetric["w_seconds"].Add(result.TimeInSystem.Mean);
            }

            totalEvents += caseEvents;
            var theory = new Dictionary<string, double>
            {
                ["p_wait"] = queue.TheoryProbabilityOfWaiting,
                ["wq_seconds"] = queue.TheoryWait,
                ["w_seconds"] = queue.TheoryTimeInSystem,
            };
            foreach (var metric in Metrics)
            {
                var s = SummaryStatistics.Of(perMetric[metric]);
                stats.Row(queue.Name, QueueingDemo.Policy, metric, s.Count, s.Mean, s.StandardDeviation, s.Low, s.High, theory[metric]);
            }

            var pWait = SummaryStatistics.Of(perMetric["p_wait"]);
            var wq = SummaryStatistics.Of(perMetric["wq_seconds"]);
            table.AddRow(
                [.. new[]
                {
                queue.Name,
                Invariant($"{queue.TheoryProbabilityOfWaiting:F4}"),
                Invariant($"{pWait.Mean:F4} [{pWait.Low:F4}, {pWait.High:F4}]"),
                Invariant($"{queue.TheoryWait:F4}"),
                Invariant($"{wq.Mean:F4} [{wq.Low:F4}, {wq.High:F4}]"),
                Invariant($"{caseEvents / caseWall / 1e6:F1} M"),
                }.Select(cell => new Text(cell))]);
        }

        summary.WriteTo(Path.Combine(output.FullName, "summary.csv"));
        timing.WriteTo(Path.Combine(output.FullName, "timing.csv"));
        stats.WriteTo(Path.Combine(output.FullName, "stats.csv"));

        AnsiConsole.MarkupLine(Invariant($"[bold]Built-in demo[/]: M/M/c queues on the Sim engine, {QueueingDemo.Customers:N0} customers per run, seeds {seedText}"));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Invariant($"{totalEvents:N0} events in {totalClock.Elapsed.TotalSeconds:F2} s. Results in {output.FullName}"));
        return ExitCodes.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
