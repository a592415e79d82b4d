using Sim.Engine.Validation;

namespace Sim.Engine.Tests.Validation;

/// <summary>
/// M/M/1 and M/M/c queues built on the kernel must reproduce the textbook Wq, W and P(wait)
/// (values in shared/reference/queueing.md).
/// </summary>
/// <remarks>
/// Tolerance: each run measures 10^6 customers after a warm-up of 5·10^4, and its standard error
/// comes from 20 batch means, so it shrinks as 1/sqrt(run length). An estimate passes when it lies
/// within 4 standard errors of theory (a 1-in-15,000 false alarm for a correct engine; the seeds are
/// fixed, so the outcome is deterministic). To keep that tolerance honest, each run's standard error
/// must also be small: below 10 % of the value it estimates (it is 1–4 % for most cases, 8 % for
/// the tiny Wq of M/M/100), and, for M/M/1 at ρ = 0.8, within a
/// factor of two of the asymptotic value implied by the run length (Daley 1968:
/// n·Var(mean Wq) = ρ(2+5ρ−4ρ²+ρ³)/(μ²(1−ρ)^4) ≈ 1976, so 0.044 at n = 10^6).
/// The longer runs (10^7 customers, 10 seeds, ρ up to 0.95) are in bench/Sim.Benchmarks (`queueing`).
/// </remarks>
public class QueueingTheoryTests
{
    private const long Customers = 1_000_000;
    private const long Warmup = 50_000;
    private const double MaxZ = 4.0;
    private const double MaxRelativeError = 0.10;

    private static IEnumerable<TestCaseData> Cases()
    {
        // servers, lambda, mu, P(wait), Wq, W — from the reference table
        yield return new TestCaseData(1, 0.5, 1.0, 0.5, 1.0, 2.0).SetName("M/M/1 at rho 0.5");
        yield return new TestCaseData(1, 0.8, 1.0, 0.8, 4.0, 5.0).SetName("M/M/1 at rho 0.8");
        yield return new TestCaseData(2, 1.0, 1.0, 0.333333, 0.333333, 1.333333).SetName("M/M/2 at a = 1");
        yield return new TestCaseData(2, 1.8, 1.0, 0.852632, 4.263158, 5.263158).SetName("M/M/2 at a = 1.8");
        yield return new TestCaseData(10, 8.0, 1.0, 0.409180, 0.204590, 1.204590).SetName("M/M/10 at a = 8");
        yield return new TestCaseData(100, 90.0, 1.0, 0.216940, 0.021694, 1.021694).SetName("M/M/100 at a = 90");
    }

    [TestCaseSource(nameof(Cases))]
    public void Event_scheduled_queue_matches_theory(int servers, double lambda, double mu, double pWait, double wq, double w)
    {
        var result = new MmcModel(servers, lambda, mu, seed: 2026, Customers, Warmup).Run();

        AssertMatches(result, pWait, wq, w);
    }

    [Test]
    public void Process_based_queue_matches_theory()
    {
        var result = new ProcessMm1Queue(0.8, 1.0, seed: 2026, Customers, Warmup).Run();

        AssertMatches(result, 0.8, 4.0, 5.0);
    }

    [Test]
    public void Batch_standard_error_is_what_the_run_length_implies()
    {
        const double Rho = 0.8;
        var asymptoticVariance = Rho * (2 + (5 * Rho) - (4 * Rho * Rho) + (Rho * Rho * Rho)) / Math.Pow(1 - Rho, 4);
        var expected = Math.Sqrt(asymptoticVariance / Customers);

        var result = new MmcModel(1, Rho, 1.0, seed: 7, Customers, Warmup).Run();

        TestContext.Out.WriteLine($"Wq standard error: batch means {result.WaitInQueue.StandardError:F4}, asymptotic {expected:F4}");
        Assert.That(result.WaitInQueue.StandardError, Is.InRange(expected / 2, expected * 2));
    }

    [TestCase(2, 1.0, 0.333333)]
    [TestCase(2, 1.8, 0.852632)]
    [TestCase(10, 8.0, 0.409180)]
    [TestCase(10, 9.0, 0.668732)]
    [TestCase(100, 90.0, 0.216940)]
    [TestCase(5, 3.0, 0.236152)]
    public void Erlang_C_matches_the_reference_table(int servers, double load, double expected)
    {
        Assert.That(ErlangC.ProbabilityOfWaiting(servers, load), Is.EqualTo(expected).Within(1e-6));
    }

    [TestCase(10, 5.0, 0.018385)]
    [TestCase(10, 7.0, 0.078741)]
    [TestCase(20, 15.0, 0.045593)]
    public void Erlang_B_matches_the_reference_table(int servers, double load, double expected)
    {
        Assert.That(ErlangC.BlockingProbability(servers, load), Is.EqualTo(expected).Within(1e-6));
    }

    private static void AssertMatches(QueueResult result, double pWait, double wq, double w)
    {
        TestContext.Out.WriteLine($"P(wait) {result.ProbabilityOfWaiting} vs {pWait}; Wq {result.WaitInQueue} vs {wq}; W {result.TimeInSystem} vs {w}; {result.Events} events");
        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(result.ProbabilityOfWaiting.ZScore(pWait)), Is.LessThanOrEqualTo(MaxZ), "P(wait)");
            Assert.That(Math.Abs(result.WaitInQueue.ZScore(wq)), Is.LessThanOrEqualTo(MaxZ), "Wq");
            Assert.That(Math.Abs(result.TimeInSystem.ZScore(w)), Is.LessThanOrEqualTo(MaxZ), "W");
            Assert.That(result.ProbabilityOfWaiting.StandardError / pWait, Is.LessThan(MaxRelativeError), "P(wait) precision");
            Assert.That(result.WaitInQueue.StandardError / wq, Is.LessThan(MaxRelativeError), "Wq precision");
            Assert.That(result.TimeInSystem.StandardError / w, Is.LessThan(MaxRelativeError), "W precision");
        });
    }
}
