namespace Sim.Traces.Tests.Fuzzing;

/// <summary>
/// Every input the fuzzer ever broke a reader with, kept in Fuzzing/Regressions/TARGET/, is read again:
/// only the documented error may come out, within the time limit.
/// </summary>
public sealed class RegressionTests
{
    private static IEnumerable<TestCaseData> Inputs()
    {
        var root = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fuzzing", "Regressions");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "README.md")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(path))!, Path.GetRelativePath(root, path))
                .SetName($"Regression_{Path.GetFileName(Path.GetDirectoryName(path))}_{Path.GetFileNameWithoutExtension(path)}"));
    }

    [TestCaseSource(nameof(Inputs))]
    public void A_kept_crashing_input_is_read_without_crashing(string target, string file)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fuzzing", "Regressions", file);
        var report = new FuzzReport(target);

        FuzzRunner.Check(FuzzTargets.Named(target), File.ReadAllBytes(path), file, report);

        Assert.That(report.Failures, Is.Empty, report.ToString);
    }
}
