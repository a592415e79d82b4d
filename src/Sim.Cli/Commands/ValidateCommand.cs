using System.CommandLine;
using System.Globalization;
using Sim.Cli.Scenarios;
using Sim.Experiments;

namespace Sim.Cli.Commands;

/// <summary><c>sim validate SCENARIO.yaml</c>: every error at once, each with file:line:column; exit 0 only if valid.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "The scenario file to check." };
        var command = new Command("validate", "Check a scenario file: report every error (file:line:column and what was expected), exit 0 only if it is valid.")
        {
            scenario,
        };
        command.SetAction(parse => Execute(parse.GetValue(scenario)!));
        return command;
    }

    private static int Execute(string path)
    {
        var file = ScenarioInput.Read(path);
        if (file is null)
        {
            return ExitCodes.InvalidInput;
        }

        var plan = ExperimentPlan.Create(file.Variants);
        var first = file.Variants[0];
        var runs = first.Fill is { } fill
            ? string.Create(CultureInfo.InvariantCulture, $"of a fill experiment ({fill.Pods.Length} pods on {first.Cluster.Nodes.Length} nodes)")
            : first.Stop is { } stop ? string.Create(CultureInfo.InvariantCulture, $"of at most {first.Duration} simulated time (or until {stop})")
            : string.Create(CultureInfo.InvariantCulture, $"of {first.Duration} simulated time");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: valid: scenario '{file.Name}', {file.Variants.Length} variant(s) × {first.Policies.Length} policies × {first.Seeds.Length} seeds = {plan.TotalRuns} runs {runs}"));
        return ExitCodes.Success;
    }
}
