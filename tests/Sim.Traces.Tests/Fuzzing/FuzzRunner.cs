using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Sim.Traces.Tests.Fuzzing;

/// <summary>
/// Runs a target on its seeds and then on mutated inputs until the iteration count or the time budget
/// is spent, each input on a worker with a time limit. A failure is an exception other than the
/// documented one, or an input that is still running at the limit. Failing inputs are saved under the
/// test's work directory, to be kept as regression files.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Inputs per target: SIM_FUZZ_ITERATIONS, else 2,000.</summary>
    public static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("SIM_FUZZ_ITERATIONS"), out var n) ? n : 2_000;

    /// <summary>Wall-clock budget per target (the machine is shared; a slow run tests fewer inputs, never fails for it).</summary>
    public static TimeSpan Budget => TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("SIM_FUZZ_SECONDS"), out var s) ? s : 8);

    /// <summary>The most one input may take.</summary>
    public static TimeSpan PerInputLimit { get; } = TimeSpan.FromSeconds(5);

    public static FuzzReport Run(FuzzTarget target, int seed)
    {
        var fuzzer = new MutationFuzzer(seed, target.Seeds);
        var report = new FuzzReport(target.Name);
        var clock = Stopwatch.StartNew();
        foreach (var input in target.Seeds)
        {
            Check(target, input, "seed", report);
        }

        for (var i = 0; i < Iterations && clock.Elapsed < Budget && report.Failures.Count < 5; i++)
        {
            var (input, mutations) = fuzzer.Next();
            Check(target, input, mutations, report);
        }

        return report;
    }

    /// <summary>Reads <paramref name="input"/> with <paramref name="target"/>; records a failure in <paramref name="report"/>.</summary>
    public static void Check(FuzzTarget target, byte[] input, string how, FuzzReport report)
    {
        report.Inputs++;
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => target.Read(input));
        string? failure = null;
        try
        {
            if (!run.Wait(PerInputLimit))
            {
                failure = $"still running after {PerInputLimit.TotalSeconds:0} s";
            }
        }
        catch (AggregateException e) when (e.InnerException is { } thrown)
        {
            var inner = thrown is System.Reflection.TargetInvocationException { InnerException: { } invoked } ? invoked : thrown;
            if (target.Documented is null || !target.Documented.IsInstanceOfType(thrown))
            {
                failure = $"{inner.GetType().Name}: {inner.Message}\n{inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
            }
        }

        report.Slowest = clock.Elapsed > report.Slowest ? clock.Elapsed : report.Slowest;
        if (failure is not null)
        {
            report.Failures.Add($"{how}: {failure}\n  saved as {Save(target, input)}");
        }
    }

    private static string Save(FuzzTarget target, byte[] input)
    {
        var name = Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant();
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-failures", target.Name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, input);
        return path;
    }
}

/// <summary>What one target's fuzzing run found.</summary>
internal sealed class FuzzReport(string target)
{
    public int Inputs { get; set; }

    public TimeSpan Slowest { get; set; }

    public List<string> Failures { get; } = [];

    public override string ToString()
    {
        var text = new StringBuilder($"{target}: {Inputs} inputs, slowest {Slowest.TotalMilliseconds:0} ms");
        foreach (var failure in Failures)
        {
            text.Append("\n- ").Append(failure);
        }

        return text.ToString();
    }
}
