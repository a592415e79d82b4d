using Sim.Scheduling;

namespace Sim.Cli.Tests.Explain;

/// <summary>Runs the <c>sim</c> command in-process with its console captured.</summary>
internal static class SimCli
{
    private static readonly Lock ConsoleLock = new();

    public static (int Code, string Output, string Error) Run(PluginRegistry? registry, params string[] args)
    {
        lock (ConsoleLock)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var (oldOut, oldError) = (Console.Out, Console.Error);
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var configuration = new System.CommandLine.InvocationConfiguration { Output = output, Error = error };
                var code = SimCommand.Create(registry).Parse(args).Invoke(configuration);
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
