using System.CommandLine;
using Sim.Cli.Commands;
using Sim.Scheduling;

namespace Sim.Cli;

/// <summary>The root of the <c>sim</c> command.</summary>
internal static class SimCommand
{
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
