namespace Sim.Experiments.Scenarios;

/// <summary>What <see cref="ScenarioReader"/> checks names against, and where relative paths start.</summary>
public sealed record ScenarioReaderOptions
{
    /// <summary>The policy catalogue's names (<c>sim policies</c>); a policy given by name must be one of them.</summary>
    public required IReadOnlyCollection<string> KnownPolicies { get; init; }

    /// <summary>The scheduler plugins a <c>KubeSchedulerConfiguration</c> file may name, with their args types.</summary>
    public required Scheduling.PluginRegistry Plugins { get; init; }

    /// <summary>
    /// The folder that relative file names (nodes files, manifests, scheduler configurations) start
    /// from when the scenario is read from text; null for the current directory.
    /// <see cref="ScenarioReader.ReadFile"/> uses the scenario file's folder instead.
    /// </summary>
    public string? BaseDirectory { get; init; }
}
