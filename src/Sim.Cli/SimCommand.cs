using System.CommandLine;
using Sim.Cli.Commands;

namespace Sim.Cli;

/// <summary>The root of the <c>sim</c> command.</summary>
internal static class SimCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Sim: simulate a Kubernetes cluster as a discrete-event simulation and compare scheduling policies.");
        root.Subcommands.Add(RunCommand.Create());
        return root;
    }
}
