namespace Sim.Cli;

/// <summary>The <c>sim</c> command's exit codes (a public contract).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int RunFailure = 2;
}
