using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Sim.Cli.Output;
using Sim.Cli.Scenarios;
using Sim.Experiments;
using Sim.Experiments.Results;
using Sim.Experiments.Scenarios;
using Spectre.Console;

namespace Sim.Cli.Commands;

/// <summary><c>sim run [SCENARIO] [--out DIR] [--seeds 1..10] [--policy NAME]... [--shard K/N] [--parallel N] [--no-plots] [--events]</c>.</summary>
internal static class RunCommand
{
    /// <summary>The environment variable an Indexed Job sets to the pod's index (from 0).</summary>
    public const string JobIndexVariable = "JOB_COMPLETION_INDEX";

    public static Command Create()
    {
        var scenario = new Argument<string?>("SCENARIO")
        {
            Description = "Scenario file (docs/scenario-format.md). Without one, runs the built-in quickstart scenario.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for summary.csv, timing.csv, timeseries.csv, stats.csv, workloads.csv and the plots (created if missing).",
            DefaultValueFactory = _ => "out",
            HelpName = "DIR",
        };
        var seeds = new Option<string?>("--seeds")
        {
            Description = "Seeds to run instead of the scenario's: a range 1..10, a list 1,4,9, or one seed.",
            HelpName = "SEEDS",
        };
        var policies = new Option<string[]>("--policy")
        {
            Description = "Run only this policy (repeatable, in this order): one of the scenario's policies or a catalogue name (sim policies).",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run slice K of N of the grid (K/N), or give N alone to take K from JOB_COMPLETION_INDEX (0-based, as an Indexed Job sets it).",
            HelpName = "K/N",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Runs at once (default: the number of cores). Results are identical whatever the value.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        var noPlots = new Option<bool>("--no-plots") { Description = "Do not write PNG plots." };
        var events = new Option<bool>("--events") { Description = "Also write events.jsonl: every API write of every run, one JSON object per line." };

        var command = new Command("run", "Run a scenario's grid of policies × seeds and write the results with statistics.")
        {
            scenario, output, seeds, policies, shard, parallel, noPlots, events,
        };
        command.SetAction(parse => Execute(new Arguments(
            parse.GetValue(scenario),
            parse.GetValue(output)!,
            parse.GetValue(seeds),
            parse.GetValue(policies) ?? [],
            parse.GetValue(shard),
            parse.GetValue(parallel),
            parse.GetValue(noPlots),
            parse.GetValue(events))));
        return command;
    }

    private sealed record Arguments(string? Scenario, string Output, string? Seeds, string[] Policies, string? Shard, int Parallel, bool NoPlots, bool Events);

    private static int Execute(Arguments args)
    {
        if (args.Scenario is { } name && name.StartsWith('-'))
        {
            Console.Error.WriteLine($"error: unknown option '{name}'; see 'sim run --help'.");
            return ExitCodes.InvalidInput;
        }

        if (args.Parallel < 1)
        {
            Console.Error.WriteLine($"error: --parallel {args.Parallel}: expected at least 1");
            return ExitCodes.InvalidInput;
        }

        if (!TryShard(args.Shard, out var shard, out var shardError))
        {
            Console.Error.WriteLine($"error: {shardError}");
            return ExitCodes.InvalidInput;
        }

        var file = ScenarioInput.Read(args.Scenario);
        if (file is null)
        {
            return ExitCodes.InvalidInput;
        }

        if (!TryOverride(file, args, out var variants, out var overrideError))
        {
            Console.Error.WriteLine($"error: {overrideError}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            Directory.CreateDirectory(args.Output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: --out '{args.Output}': cannot create the folder: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var plan = ExperimentPlan.Create(variants, shard);
        var source = args.Scenario ?? ScenarioInput.BuiltInSource;
        Console.Error.WriteLine(Invariant($"{source}: {plan.Variants.Length} variant(s) × {variants[0].Policies.Length} policies × {variants[0].Seeds.Length} seeds = {plan.TotalRuns} runs")
            + (shard.IsWhole ? string.Empty : Invariant($"; shard {shard} runs {plan.Runs.Length}")) + Invariant($", {args.Parallel} at once"));

        IReadOnlyList<RunResult> results;
        var clock = WallTime.Start();
        try
        {
            results = RunWithProgress(plan, args.Parallel);
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : e;
            if (inner is Sim.Traces.TraceFormatException bad)
            {
                // A trace is read as the run reaches it: a bad row is bad input, named by file, line and column.
                Console.Error.WriteLine($"error: {bad.Message}");
                return ExitCodes.InvalidInput;
            }

            Console.Error.WriteLine($"error: a run failed ({inner.GetType().Name}): {inner.Message}");
            return ExitCodes.RunFailure;
        }

        var tables = ResultTables.From(RunExecutor.MetricNamesFor(plan.Variants[0]), results, RunExecutor.XColumnFor(plan.Variants[0]));
        tables.WriteTo(args.Output);
        if (!shard.IsWhole)
        {
            new ShardManifest
            {
                Scenario = file.Name,
                Shard = shard.ToString(),
                TotalRuns = plan.TotalRuns,
                Runs = [.. plan.Runs.Select(r => r.Index)],
            }.WriteTo(args.Output);
        }
        else if (!args.NoPlots)
        {
            Plots.Write(tables, args.Output);
        }

        var events = results.Sum(r => r.Events);
        ComparisonTable.Print(tables);
        var rate = events / Math.Max(clock.Seconds, 1e-9);
        Console.WriteLine(plan.Variants[0].Fill is null
            ? Invariant($"{plan.Runs.Length} runs, {events:N0} events in {clock.Seconds:F1} s ({rate / 1e6:F2} M events/s). Results in {Path.GetFullPath(args.Output)}")
            : Invariant($"{plan.Runs.Length} runs, {events:N0} pod arrivals in {clock.Seconds:F1} s ({rate:F0} arrivals/s). Results in {Path.GetFullPath(args.Output)}"));
        return ExitCodes.Success;
    }

    private static IReadOnlyList<RunResult> RunWithProgress(ExperimentPlan plan, int parallelism)
    {
        if (Console.IsErrorRedirected)
        {
            return ExperimentRunner.Run(plan, parallelism);
        }

        // The bar goes to stderr, and only to a terminal: redirected output stays clean.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IReadOnlyList<RunResult> results = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("runs", maxValue: plan.Runs.Length);
                var clock = WallTime.Start();
                long events = 0;
                var done = 0;
                var gate = new Lock();
                results = ExperimentRunner.Run(plan, parallelism, result =>
                {
                    lock (gate)
                    {
                        done++;
                        events += result.Events;
                        task.Description = Invariant($"runs {done}/{plan.Runs.Length}, {events / Math.Max(clock.Seconds, 1e-9) / 1e6:F2} M events/s");
                        task.Increment(1);
                    }
                });
            });
        return results;
    }

    private static bool TryShard(string? text, out Shard shard, out string error)
    {
        shard = Shard.Whole;
        error = string.Empty;
        if (text is null)
        {
            return true;
        }

        if (!text.Contains('/', StringComparison.Ordinal))
        {
            var index = Environment.GetEnvironmentVariable(JobIndexVariable);
            if (index is null || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                error = index is null
                    ? $"--shard '{text}': give K/N, or N alone inside an Indexed Job where {JobIndexVariable} is set"
                    : $"{JobIndexVariable}='{index}': expected a non-negative integer";
                return false;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && k >= n)
            {
                error = Invariant($"{JobIndexVariable}='{index}': expected an index below the shard count of --shard {text} (0 to {n - 1})");
                return false;
            }

            text = Invariant($"{k + 1}/{text}");
        }

        return Shard.TryParse(text, out shard, out error);
    }

    private static bool TryOverride(ScenarioFile file, Arguments args, out ImmutableArray<Scenario> variants, out string error)
    {
        variants = file.Variants;
        error = string.Empty;
        if (args.Seeds is { } seedText)
        {
            if (!SeedRange.TryParse(seedText, out var seeds, out error))
            {
                return false;
            }

            variants = [.. variants.Select(v => v with { Seeds = [.. seeds] })];
        }

        if (args.Policies.Length > 0)
        {
            var chosen = ImmutableArray.CreateBuilder<PolicySpec>();
            foreach (var name in args.Policies)
            {
                if (chosen.Any(p => p.Name == name))
                {
                    error = $"--policy {name}: given twice";
                    return false;
                }

                var own = variants[0].Policies.FirstOrDefault(p => p.Name == name);
                if (own is null && !Scheduling.Policies.PolicyCatalogue.TryGet(name, out _))
                {
                    var known = variants[0].Policies.Select(p => p.Name).Concat(Scheduling.Policies.PolicyCatalogue.All.Select(p => p.Name)).Distinct(StringComparer.Ordinal);
                    error = $"--policy {name}: not a policy of the scenario or of the catalogue; known: {string.Join(", ", known)}";
                    return false;
                }

                chosen.Add(own ?? new PolicySpec(name));
            }

            var policies = chosen.ToImmutable();
            variants = [.. variants.Select(v => v with { Policies = policies })];
        }

        if (args.Events && variants[0].Fill is not null)
        {
            error = "--events: a fill experiment has no event log (it places pods without a simulated control plane)";
            return false;
        }

        if (args.Events)
        {
            variants = [.. variants.Select(v => v with { WriteEvents = true })];
        }

        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
