using Sim.Cli;

try
{
    return SimCommand.Create().Parse(args).Invoke();
}
catch (Exception e)
{
    // A bug, not bad input: say so in one line, never with a stack trace.
    Console.Error.WriteLine($"error: internal failure ({e.GetType().Name}): {e.Message}");
    return ExitCodes.RunFailure;
}
