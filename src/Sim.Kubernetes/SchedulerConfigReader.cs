using Sim.Kubernetes.SchedulerConfig;
using Sim.Kubernetes.Yaml;
using Sim.Scheduling;

namespace Sim.Kubernetes;

/// <summary>
/// Reads a <c>KubeSchedulerConfiguration</c> (<c>kubescheduler.config.k8s.io/v1</c>) into a
/// <see cref="SchedulerConfiguration"/>: the scheduler-wide settings, the profiles with their plugins
/// per extension point (enabled with weights, disabled, <c>*</c>, MultiPoint) and each plugin's args,
/// decoded into the type the <see cref="PluginRegistry"/> names for it and checked by its
/// <c>Validate(path)</c> method.
/// </summary>
/// <remarks>
/// Every problem is reported with file, line, column and field path, e.g.
/// <c>sched.yaml:14:15: profiles[0].pluginConfig[1].args.scoringStrategy.type: …</c>. Unknown fields
/// and unknown plugin names are errors; settings Sim does not simulate (leader election, client
/// connection, extenders, …) are ignored with a warning.
/// </remarks>
public static class SchedulerConfigReader
{
    /// <summary>The API version read.</summary>
    public const string ApiVersion = "kubescheduler.config.k8s.io/v1";

    /// <summary>The kind read.</summary>
    public const string Kind = "KubeSchedulerConfiguration";

    /// <summary>Reads the file at <paramref name="path"/>; plugin names and args types come from <paramref name="registry"/>.</summary>
    public static ReadResult<SchedulerConfiguration> ReadFile(string path, PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(registry);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var bag = new DiagnosticBag(path);
            bag.FileError(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}");
            return new ReadResult<SchedulerConfiguration>(null, bag.ToImmutable());
        }

        return Read(text, path, registry);
    }

    /// <summary>Reads <paramref name="text"/>; messages name it <paramref name="source"/>.</summary>
    public static ReadResult<SchedulerConfiguration> Read(string text, string source, PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(registry);
        var bag = new DiagnosticBag(source);
        var documents = YamlLoader.Load(text, bag);
        SchedulerConfiguration? config = null;
        if (documents is not null)
        {
            if (documents.Count != 1)
            {
                bag.Error(documents.Count == 0 ? default : documents[1].Start, $"expected one {Kind} document, found {documents.Count}");
            }
            else
            {
                config = new ConfigParser(bag, registry, documents[0]).Parse();
            }
        }

        return new ReadResult<SchedulerConfiguration>(config, bag.ToImmutable());
    }
}
