using Sim.Experiments.Scenarios;
using Sim.Kubernetes;
using Sim.Scheduling.Policies;

namespace Sim.Cli.Scenarios;

/// <summary>Reads the scenario a command names, or the built-in quickstart, and prints what is wrong with it.</summary>
internal static class ScenarioInput
{
    /// <summary>The name the built-in scenario reports in messages.</summary>
    public const string BuiltInSource = "quickstart.yaml (built in)";

    public static ScenarioReaderOptions Options(string? baseDirectory = null) => new()
    {
        KnownPolicies = [.. PolicyCatalogue.All.Select(p => p.Name)],
        Plugins = PolicyCatalogue.CreateRegistry(),
        BaseDirectory = baseDirectory,
    };

    /// <summary>The built-in quickstart scenario's text.</summary>
    public static string BuiltInText()
    {
        using var stream = typeof(ScenarioInput).Assembly.GetManifestResourceStream("quickstart.yaml")
            ?? throw new InvalidOperationException("the built-in quickstart scenario is missing from the sim assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads <paramref name="path"/> (or the built-in scenario when null), printing every diagnostic to stderr; null when it has errors.</summary>
    public static ScenarioFile? Read(string? path)
    {
        var result = path is null
            ? ScenarioReader.Read(BuiltInText(), BuiltInSource, Options(Directory.GetCurrentDirectory()))
            : ScenarioReader.ReadFile(path, Options());
        Print(result.Diagnostics);
        return result.Value;
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Console.Error.WriteLine(diagnostic.IsError ? $"error: {diagnostic}" : diagnostic.ToString());
        }
    }
}
