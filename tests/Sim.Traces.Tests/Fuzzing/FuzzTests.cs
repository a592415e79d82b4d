namespace Sim.Traces.Tests.Fuzzing;

/// <summary>
/// Every reader of user input survives a few thousand mutated inputs: only its documented error comes
/// out (the trace readers' <see cref="TraceFormatException"/>; nothing at all from the YAML readers,
/// which return diagnostics), and each input finishes within <see cref="FuzzRunner.PerInputLimit"/>.
/// The generator is seeded per target, so a run is repeatable; SIM_FUZZ_ITERATIONS, SIM_FUZZ_SECONDS
/// and SIM_FUZZ_SEED make longer or different runs.
/// </summary>
public sealed class FuzzTests
{
    private static IEnumerable<TestCaseData> Targets() =>
        FuzzTargets.All().Select(t => new TestCaseData(t.Name).SetName($"Survives_mutated_input_{t.Name.Replace('-', '_')}"));

    [TestCaseSource(nameof(Targets))]
    public void Reader_survives_mutated_input(string name)
    {
        var target = FuzzTargets.Named(name);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SIM_FUZZ_SEED"), out var s) ? s : StableHash(name);

        var report = FuzzRunner.Run(target, seed);

        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Failures, Is.Empty, report.ToString);
            Assert.That(report.Inputs, Is.GreaterThan(target.Seeds.Count), "some mutated inputs ran");
        });
    }

    /// <summary>FNV-1a of the name: a seed that does not change between runs or machines.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }
}
