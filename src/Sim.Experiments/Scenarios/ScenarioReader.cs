using System.Collections.Immutable;
using Sim.Experiments.Scenarios.Format;
using Sim.Kubernetes;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios;

/// <summary>
/// Reads a scenario file (docs/scenario-format.md) into a <see cref="ScenarioFile"/>: one
/// <see cref="Scenario"/> per sweep combination, with the nodes files, manifests and scheduler
/// configurations it names read too (paths relative to the scenario file).
/// </summary>
/// <remarks>
/// Every problem is reported at once, each as <c>file:line:column: field.path: what was expected</c>:
/// YAML syntax, unknown keys (with "did you mean"), missing keys, wrong types, units and ranges, unknown
/// policies, kinds, arrival processes and distributions, duplicate names, faults naming zones or nodes
/// the cluster does not have, nodes files clashing with pool nodes, sweep paths that do not exist,
/// missing or unreadable files. Input is bounded (file size, nesting, number of values), and bad input
/// never throws.
/// </remarks>
public static class ScenarioReader
{
    /// <summary>Reads the scenario file at <paramref name="path"/>; messages name it as given.</summary>
    public static ReadResult<ScenarioFile> ReadFile(string path, ScenarioReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var text = InputFiles.Read(path, InputFiles.MaxScenarioBytes);
        if (text.Content is null)
        {
            return new ReadResult<ScenarioFile>(null, [new Diagnostic(path, text.Line, text.Column, text.Error!)]);
        }

        string directory;
        try
        {
            directory = Path.GetDirectoryName(path) ?? string.Empty;
        }
        catch (ArgumentException)
        {
            directory = string.Empty;
        }

        return Parse(text.Content, path, options, directory);
    }

    /// <summary>Reads a scenario from <paramref name="text"/>; messages name it <paramref name="source"/>; relative paths start at <see cref="ScenarioReaderOptions.BaseDirectory"/>.</summary>
    public static ReadResult<ScenarioFile> Read(string text, string source, ScenarioReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (text.Length > InputFiles.MaxScenarioBytes)
        {
            return new ReadResult<ScenarioFile>(null,
                [new Diagnostic(source, 0, 0, $"the scenario is {text.Length:N0} characters long; at most {InputFiles.MaxScenarioBytes:N0} are read")]);
        }

        return Parse(text, source, options, options.BaseDirectory ?? string.Empty);
    }

    private static ReadResult<ScenarioFile> Parse(string text, string source, ScenarioReaderOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options.KnownPolicies);
        ArgumentNullException.ThrowIfNull(options.Plugins);
        var bag = new DiagnosticBag(source);
        var documents = YamlLoader.Load(text, bag);
        if (documents is null)
        {
            return new ReadResult<ScenarioFile>(null, bag.ToImmutable());
        }

        if (documents.Count == 0)
        {
            bag.FileError("empty file; expected a scenario: a mapping with name, duration, policies and cluster");
            return new ReadResult<ScenarioFile>(null, bag.ToImmutable());
        }

        if (documents.Count > 1)
        {
            bag.Error(documents[1].Start, $"expected one scenario document, found {documents.Count}");
        }

        var root = documents[0];
        var files = new InputFiles(baseDirectory, options.Plugins);
        var binder = new Binder(bag, new Dictionary<YamlNode, YamlNode>(ReferenceEqualityComparer.Instance), files, options);
        var scenario = ScenarioBinding.Bind(binder, root);
        var sweep = SweepReader.Read(binder, root);
        var baseline = bag.ToImmutable();
        var seen = baseline.Select(Key).ToHashSet();
        var fromVariants = new List<Diagnostic>();
        var variants = ImmutableArray.CreateBuilder<Scenario>();
        if (sweep is { IsEmpty: true } && scenario is not null)
        {
            variants.Add(scenario);
        }
        else if (sweep is { IsEmpty: false } parameters && ScenarioName(root) is { } name)
        {
            foreach (var (variantName, values, overrides) in SweepReader.Variants(name, parameters))
            {
                var variantBag = new DiagnosticBag(source);
                var variant = ScenarioBinding.Bind(new Binder(variantBag, overrides, files, options), root);
                foreach (var diagnostic in variantBag.ToImmutable())
                {
                    if (seen.Add(Key(diagnostic)))
                    {
                        fromVariants.Add(diagnostic with { Message = $"{diagnostic.Message} (in variant {variantName})" });
                    }
                }

                if (variant is not null)
                {
                    variants.Add(variant with { Name = variantName, Parameters = values });
                }
            }
        }

        // The files' own diagnostics sit where the scenario names them.
        var all = baseline.Concat(fromVariants).Select(d => (d.Line, d.Column, Diagnostic: d))
            .Concat(files.External.Select(e => ((long)e.Anchor.Line, (long)e.Anchor.Column, e.Diagnostic)))
            .OrderBy(e => e.Item1 == 0 ? long.MinValue : e.Item1).ThenBy(e => e.Item2)
            .Select(e => e.Diagnostic)
            .ToImmutableArray();
        var file = scenario is null ? null : new ScenarioFile { Path = source, Name = scenario.Name, Variants = variants.ToImmutable() };
        return new ReadResult<ScenarioFile>(file, all);
    }

    private static (long, long, string, DiagnosticSeverity) Key(Diagnostic d) => (d.Line, d.Column, d.Message, d.Severity);

    private static string? ScenarioName(YamlNode root) =>
        root is YamlMappingNode mapping && mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value is YamlScalarNode { Value: { } name }
            ? name
            : null;
}
