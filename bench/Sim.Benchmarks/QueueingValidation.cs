using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Validation;

namespace Sim.Benchmarks;

/// <summary>
/// The long queueing-theory validation: M/M/1 and M/M/c on the engine over several seeds and long
/// runs, against the textbook values. Prints a markdown table; exits 1 if any estimate lies more
/// than 4 standard errors from theory.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release -- queueing [--customers N] [--seeds K] [--first-seed S]</c>.
/// Every case uses the same seeds and stream names, so the cases share their random numbers
/// (common random numbers): their z-scores are correlated, not independent evidence.
/// </remarks>
internal static class QueueingValidation
{
    private const double MaxZ = 4.0;

    private static readonly (string Name, int Servers, double Lambda, double Mu)[] Cases =
    [
        ("M/M/1 rho=0.5", 1, 0.5, 1.0),
        ("M/M/1 rho=0.8", 1, 0.8, 1.0),
        ("M/M/1 rho=0.9", 1, 0.9, 1.0),
        ("M/M/1 rho=0.95", 1, 0.95, 1.0),
        ("M/M/2 a=1", 2, 1.0, 1.0),
        ("M/M/2 a=1.8", 2, 1.8, 1.0),
        ("M/M/10 a=8", 10, 8.0, 1.0),
        ("M/M/10 a=9", 10, 9.0, 1.0),
        ("M/M/100 a=90", 100, 90.0, 1.0),
    ];

    public static int Run(string[] args)
    {
        var customers = 10_000_000L;
        var seeds = 10;
        var firstSeed = 1UL;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--customers":
                    customers = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--seeds":
                    seeds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--first-seed":
                    firstSeed = ulong.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}': expected --customers N, --seeds K or --first-seed S");
                    return 2;
            }
        }

        var warmup = Math.Max(10_000, customers / 20);
        Console.WriteLine(FormattableString.Invariant($"Queueing validation: {customers:N0} customers per run after {warmup:N0} warm-up, seeds {firstSeed}..{firstSeed + (ulong)seeds - 1}, 20 batch means per run."));
        Console.WriteLine("Estimate = mean over seeds; ± = its standard error (batch means, pooled over seeds); z = (estimate − theory) / SE.");
        Console.WriteLine();
        Console.WriteLine("| case | P(wait) theory | P(wait) sim | z | Wq theory | Wq sim | z | W theory | W sim | z | customers/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var worst = 0.0;
        foreach (var (name, servers, lambda, mu) in Cases)
        {
            var results = new List<QueueResult>();
            var clock = Stopwatch.StartNew();
            for (var seed = firstSeed; seed < firstSeed + (ulong)seeds; seed++)
            {
                results.Add(new MmcModel(servers, lambda, mu, seed, customers, warmup).Run());
            }

            var rate = (customers + warmup) * seeds / clock.Elapsed.TotalSeconds;
            var pWait = Estimate.Pool([.. results.Select(r => r.ProbabilityOfWaiting)]);
            var wq = Estimate.Pool([.. results.Select(r => r.WaitInQueue)]);
            var w = Estimate.Pool([.. results.Select(r => r.TimeInSystem)]);
            var pTheory = ErlangC.ProbabilityOfWaiting(servers, lambda / mu);
            var wqTheory = ErlangC.MeanWait(servers, lambda, mu);
            var wTheory = ErlangC.MeanTimeInSystem(servers, lambda, mu);
            var z = new[] { pWait.ZScore(pTheory), wq.ZScore(wqTheory), w.ZScore(wTheory) };
            worst = Math.Max(worst, z.Max(Math.Abs));
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {pTheory:F6} | {pWait} | {z[0]:+0.00;-0.00} | {wqTheory:F6} | {wq} | {z[1]:+0.00;-0.00} | {wTheory:F6} | {w} | {z[2]:+0.00;-0.00} | {rate / 1e6:F2} M |"));
        }

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Largest |z|: {worst:F2} (limit {MaxZ})."));
        return worst <= MaxZ ? 0 : 1;
    }
}
