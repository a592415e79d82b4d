using System.CommandLine;
using Sim.Scheduling.Policies;
using Spectre.Console;

namespace Sim.Cli.Commands;

/// <summary><c>sim policies</c>: the built-in policy catalogue, one line each.</summary>
internal static class PoliciesCommand
{
    public static Command Create()
    {
        var command = new Command("policies", "List the built-in scheduling policies a scenario (or --policy) can name, with a description and source each.");
        command.SetAction(_ => Execute());
        return command;
    }

    private static int Execute()
    {
        var table = new Table().AddColumns("policy", "description", "source");
        foreach (var policy in PolicyCatalogue.All)
        {
            table.AddRow(new Text(policy.Name), new Text(policy.Description), new Text(policy.Source));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
