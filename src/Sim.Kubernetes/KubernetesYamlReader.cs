using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using k8s.Models;
using Sim.Cluster.Api;
using Sim.Kubernetes.Objects;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes;

/// <summary>
/// Reads Kubernetes YAML, as written by hand or dumped by <c>kubectl get -o yaml</c>, into Sim's
/// cluster model through the official client models (<c>k8s.Models.V1Pod</c>, <c>V1Node</c>, …).
/// </summary>
/// <remarks>
/// <para>
/// A file holds any number of documents separated by <c>---</c>; a document may be a <c>List</c> (or
/// a typed list such as <c>PodList</c>) whose <c>items</c> are read in turn. Nodes, Pods,
/// Deployments, ReplicaSets, ReplicationControllers, Services, PodDisruptionBudgets and
/// PriorityClasses are read; other kinds are ignored with one warning per kind.
/// </para>
/// <para>
/// Every problem is reported with the file, line and column and the field path
/// (<c>cluster.yaml:12:7: spec.containers[0].resources.requests[cpu]: quantity 'x' is not a number…</c>):
/// YAML syntax, unknown fields, values of the wrong type, quantities (parsed with
/// <see cref="Sim.Cluster.Resources.ResourceList.TryParse"/>), label selectors, enumerations and
/// what Sim's API validation checks. Fields Sim does not simulate (probes, volumes, most of the
/// status, <c>managedFields</c> …) are ignored with one warning per field path.
/// </para>
/// </remarks>
public static class KubernetesYamlReader
{
    private static readonly JsonSerializerOptions ModelOptions = new()
    {
        Converters = { new QuantityText.Converter(), new IntOrStringJsonConverter() },
    };

    /// <summary>Reads the file at <paramref name="path"/>; messages name it as given.</summary>
    public static ReadResult<KubernetesObjects> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var bag = new DiagnosticBag(path);
            bag.FileError(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}");
            return new ReadResult<KubernetesObjects>(null, bag.ToImmutable());
        }

        return Read(text, path);
    }

    /// <summary>Reads <paramref name="text"/>; messages name it <paramref name="source"/>.</summary>
    public static ReadResult<KubernetesObjects> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var bag = new DiagnosticBag(source);
        var objects = ImmutableArray.CreateBuilder<ApiObject>();
        var seen = new Dictionary<ObjectKey, long>();
        var documents = YamlLoader.Load(text, bag);
        foreach (var document in documents ?? [])
        {
            ReadDocument(document, bag, objects, seen, defaultApiVersion: null, defaultKind: null);
        }

        return new ReadResult<KubernetesObjects>(new KubernetesObjects { All = objects.ToImmutable() }, bag.ToImmutable());
    }

    private static void ReadDocument(YamlNode node, DiagnosticBag bag, ImmutableArray<ApiObject>.Builder objects, Dictionary<ObjectKey, long> seen, string? defaultApiVersion, string? defaultKind)
    {
        if (node is not YamlMappingNode mapping)
        {
            bag.Error(node.Start, $"expected a Kubernetes object (a mapping with apiVersion and kind), got {Scalars.Describe(node)}");
            return;
        }

        var apiVersion = Text(mapping, "apiVersion") ?? defaultApiVersion;
        var kind = Text(mapping, "kind") ?? defaultKind;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            bag.Error(mapping.Start, string.IsNullOrEmpty(kind) ? "kind: Required value: the object's kind, e.g. Pod or Node" : "apiVersion: Required value: the object's API version, e.g. v1");
            return;
        }

        if (Child(mapping, "items") is { } items && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
        {
            ReadList(mapping, items, kind, apiVersion, bag, objects, seen);
            return;
        }

        if (!KindReader.All.TryGetValue(kind, out var reader))
        {
            var at = Key(mapping, "kind")?.Start ?? mapping.Start;
            bag.Ignored("kind " + kind, at, $"kind {kind} ({apiVersion}) is not simulated; ignored");
            return;
        }

        if (apiVersion != reader.ApiVersion)
        {
            bag.Error((Child(mapping, "apiVersion") ?? mapping).Start, $"apiVersion: Unsupported value: \"{apiVersion}\": supported values for {kind}: \"{reader.ApiVersion}\"");
            return;
        }

        if (ReadObject(mapping, reader, bag) is { } obj)
        {
            if (seen.TryGetValue(obj.Key, out var line))
            {
                var name = obj.Metadata.Namespace.Length == 0 ? obj.Metadata.Name : $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";
                bag.Error(YamlLocator.Find(mapping, "metadata.name"), $"metadata.name: Duplicate value: {kind} \"{name}\" is already defined at line {line}");
                return;
            }

            seen.Add(obj.Key, YamlLocator.Find(mapping, "metadata.name").Line);
            objects.Add(obj);
        }
    }

    private static void ReadList(YamlMappingNode list, YamlNode items, string kind, string apiVersion, DiagnosticBag bag, ImmutableArray<ApiObject>.Builder objects, Dictionary<ObjectKey, long> seen)
    {
        foreach (var (key, _) in list.Children)
        {
            if (key is YamlScalarNode { Value: not ("apiVersion" or "kind" or "metadata" or "items") } unknown)
            {
                bag.Error(unknown.Start, $"{unknown.Value}: unknown field \"{unknown.Value}\" in a {kind}; expected apiVersion, kind, metadata and items");
            }
        }

        if (Scalars.IsNull(items))
        {
            return;
        }

        if (items is not YamlSequenceNode sequence)
        {
            bag.Error(items.Start, $"items: expected a list, got {Scalars.Describe(items)}");
            return;
        }

        // A typed list (PodList) may leave its items' apiVersion and kind out.
        var itemKind = kind == "List" ? null : kind[..^"List".Length];
        foreach (var item in sequence.Children)
        {
            ReadDocument(item, bag, objects, seen, itemKind is null ? null : apiVersion, itemKind);
        }
    }

    private static ApiObject? ReadObject(YamlMappingNode mapping, KindReader reader, DiagnosticBag bag)
    {
        var errorsBefore = bag.ErrorCount;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new ModelJsonWriter(bag, reader.Fields, writer).Write(mapping, FieldType.Of(reader.Model));
        }

        // After a schema error the rest of the object is still converted, to report its other
        // problems too; a value left out by the error may then fail to decode, which adds nothing new.
        var schemaErrors = bag.ErrorCount != errorsBefore;
        object? model;
        try
        {
            model = JsonSerializer.Deserialize(buffer.WrittenSpan, reader.Model, ModelOptions);
        }
        catch (JsonException e)
        {
            if (!schemaErrors)
            {
                var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
                bag.Error(YamlLocator.Find(mapping, path), $"{(path.Length == 0 ? reader.Kind : path)}: cannot be decoded as {reader.Model.Name}: {e.Message.Split(" Path:")[0]}");
            }

            return null;
        }

        if (model is null)
        {
            // Once the file went past the nesting or alias-expansion limits (reported once), the writer
            // leaves every later object out as null: nothing new to report then.
            if (!bag.HasErrors)
            {
                bag.Error(mapping.Start, $"{reader.Kind}: cannot be decoded as {reader.Model.Name}");
            }

            return null;
        }

        var context = new ObjectContext(bag, mapping);
        var obj = reader.Convert(model, context);
        if (context.HasErrors || schemaErrors)
        {
            return null;
        }

        foreach (var problem in reader.Validate(obj))
        {
            context.Report(problem);
        }

        return context.HasErrors ? null : obj;
    }

    private static YamlNode? Key(YamlMappingNode mapping, string name) =>
        mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == name);

    private static YamlNode? Child(YamlMappingNode mapping, string name) =>
        Key(mapping, name) is { } key ? mapping.Children[key] : null;

    private static string? Text(YamlMappingNode mapping, string name) =>
        Child(mapping, name) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
