using System.CommandLine;
using Sim.Cli.Output;
using Sim.Experiments.Results;

namespace Sim.Cli.Commands;

/// <summary><c>sim merge DIR... --out DIR</c>: joins shard outputs into what an unsharded run writes.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("DIR")
        {
            Description = "The output folders of 'sim run --shard K/N', one per shard, in any order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the merged results (created if missing).",
            Required = true,
            HelpName = "DIR",
        };
        var noPlots = new Option<bool>("--no-plots") { Description = "Do not write PNG plots." };
        var command = new Command("merge", "Join the outputs of the shards of one grid into the output an unsharded run writes (statistics recomputed).")
        {
            inputs, output, noPlots,
        };
        command.SetAction(parse => Execute(parse.GetValue(inputs)!, parse.GetValue(output)!, parse.GetValue(noPlots)));
        return command;
    }

    private static int Execute(string[] inputs, string output, bool noPlots)
    {
        ResultTables merged;
        try
        {
            merged = ShardMerger.Merge(inputs);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            merged.WriteTo(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: --out '{output}': {e.Message}");
            return ExitCodes.InvalidInput;
        }

        if (!noPlots)
        {
            Plots.Write(merged, output);
        }

        ComparisonTable.Print(merged);
        Console.WriteLine($"{merged.Rows.Count} runs from {inputs.Length} shard folder(s). Results in {Path.GetFullPath(output)}");
        return ExitCodes.Success;
    }
}
