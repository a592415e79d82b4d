using Sim.Engine.Validation;

namespace Sim.Cli.Demo;

/// <summary>
/// The built-in demo that <c>sim run</c> executes when given no scenario file, until the cluster
/// model lands: M/M/c queues on the engine, checked against queueing theory.
/// </summary>
internal static class QueueingDemo
{
    public const string Policy = "fifo";
    public const long Customers = 200_000;
    public const long Warmup = 20_000;

    public static readonly IReadOnlyList<QueueCase> Cases =
    [
        new("mm1-rho0.5", 1, 0.5, 1.0),
        new("mm1-rho0.8", 1, 0.8, 1.0),
        new("mm2-a1.8", 2, 1.8, 1.0),
        new("mm10-a8", 10, 8.0, 1.0),
    ];

    public sealed record QueueCase(string Name, int Servers, double ArrivalRate, double ServiceRate)
    {
        public double TheoryProbabilityOfWaiting => ErlangC.ProbabilityOfWaiting(Servers, ArrivalRate / ServiceRate);

        public double TheoryWait => ErlangC.MeanWait(Servers, ArrivalRate, ServiceRate);

        public double TheoryTimeInSystem => ErlangC.MeanTimeInSystem(Servers, ArrivalRate, ServiceRate);

        public MmcModel Build(ulong seed) => new(Servers, ArrivalRate, ServiceRate, seed, Customers, Warmup);
    }
}
