using Sim.Experiments.Scenarios;
using Sim.Kubernetes;
using Sim.Scheduling;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>Options, temporary folders and the repository root for the scenario reader's tests.</summary>
internal static class ScenarioFiles
{
    /// <summary>The policy catalogue's names (passed explicitly: the catalogue is built elsewhere).</summary>
    public static readonly string[] Policies =
        ["kubernetes-default", "most-allocated", "requested-to-capacity-ratio", "spread", "random", "first-fit", "best-fit", "worst-fit", "dot-product"];

    public static ScenarioReaderOptions Options(string? baseDirectory = null) =>
        new() { KnownPolicies = Policies, Plugins = PluginRegistry.CreateDefault(), BaseDirectory = baseDirectory };

    /// <summary>The options <c>sim</c> passes: every catalogue policy (the GPU policies too) and the catalogue's plugins.</summary>
    public static ScenarioReaderOptions CatalogueOptions() =>
        new() { KnownPolicies = [.. Scheduling.Policies.PolicyCatalogue.All.Select(p => p.Name)], Plugins = Scheduling.Policies.PolicyCatalogue.CreateRegistry() };

    public static ReadResult<ScenarioFile> Read(string text, string? baseDirectory = null) =>
        ScenarioReader.Read(text, "s.yaml", Options(baseDirectory));

    /// <summary>Every diagnostic as <c>file:line:column: message</c>.</summary>
    public static string[] Messages(ReadResult<ScenarioFile> result) => [.. result.Diagnostics.Select(d => d.ToString())];

    /// <summary>A fresh temporary folder, deleted by the caller.</summary>
    public static DirectoryInfo TempDirectory() => Directory.CreateTempSubdirectory("sim-scenario-");

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }

    /// <summary>The smallest valid scenario, to which a test adds or changes lines.</summary>
    public const string Minimal = """
        name: s
        duration: 1h
        policies: [kubernetes-default]
        cluster:
          pools:
          - name: general
            count: 3
            zones: [zone-a, zone-b]
            allocatable: {cpu: "4", memory: 16Gi}

        """;
}
