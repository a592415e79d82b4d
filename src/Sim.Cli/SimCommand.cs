using System.CommandLine;
using Sim.Cli.Commands;
using Sim.Scheduling;

namespace Sim.Cli;

/// <summary>The root of the <c>sim</c> command.</summary>
internal static class SimCommand
{
    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="args"/> and returns the exit code. An exception
    /// a command did not turn into an error (a bug, not bad input) is reported in one line on standard
    /// error with exit code <see cref="ExitCodes.RunFailure"/>, never with a stack trace: the command-line
    /// library's own handler, which prints one, is turned off.
    /// </summary>
    public static int Run(Command command, string[] args, InvocationConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        configuration ??= new InvocationConfiguration();
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return command.Parse(args).Invoke(configuration);
        }
        catch (Exception e)
        {
            configuration.Error.WriteLine($"error: internal failure ({e.GetType().Name}): {e.Message}");
            return ExitCodes.RunFailure;
        }
    }

    /// <summary>The command tree; <paramref name="registry"/> replaces the in-tree plugins (tests add their own).</summary>
    public static RootCommand Create(PluginRegistry? registry = null)
    {
        var root = new RootCommand("Sim: simulate a Kubernetes cluster as a discrete-event simulation and compare scheduling policies.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(PoliciesCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create(registry));
        return root;
    }
}
