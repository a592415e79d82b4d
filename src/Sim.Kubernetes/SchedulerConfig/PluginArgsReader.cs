using System.Buffers;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Sim.Kubernetes.Yaml;
using Sim.Scheduling;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.SchedulerConfig;

/// <summary>
/// A profile's <c>pluginConfig</c>: each entry's <c>args</c> converted to JSON and decoded into the
/// plugin's args type (camelCase, case-insensitive, unknown members rejected, enums by name), then
/// checked by the type's <c>IReadOnlyList&lt;string&gt; Validate(string path)</c> when it has one.
/// </summary>
internal sealed partial class PluginArgsReader(DiagnosticBag bag, PluginRegistry registry, YamlNode root)
{
    private static readonly JsonSerializerOptions ArgsOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A null where the args type has a non-nullable property is a decoding error with its path,
        // not a null for validation to trip on (list items are not checked: validation does that).
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private readonly YamlReading _read = new(bag);

    public ImmutableDictionary<string, object> Read(YamlNode node, string path)
    {
        var result = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (_read.Sequence(node, path) is not { } entries)
        {
            return result.ToImmutable();
        }

        for (var i = 0; i < entries.Children.Count; i++)
        {
            var where = $"{path}[{i}]";
            if (_read.Mapping(entries.Children[i], where) is not { } entry)
            {
                continue;
            }

            var fields = _read.Fields(entry, where, ["name", "args"], ignored: null);
            if (fields.GetValueOrDefault("name") is not { } nameNode || _read.String(nameNode, $"{where}.name") is not { Length: > 0 } name)
            {
                bag.Error(entry.Start, $"{where}.name: Required value: a plugin name");
                continue;
            }

            if (!registry.Contains(name))
            {
                bag.Error(nameNode.Start, $"{where}.name: Invalid value: \"{name}\": no plugin of that name{Spelling.Suggest(name, registry.Names)}; registered plugins: {string.Join(", ", registry.Names)}");
                continue;
            }

            if (!names.Add(name))
            {
                bag.Error(nameNode.Start, $"{where}.name: Duplicate value: \"{name}\"");
                continue;
            }

            if (fields.GetValueOrDefault("args") is { } argsNode && !Scalars.IsNull(argsNode) && Args(name, argsNode, $"{where}.args") is { } args)
            {
                result[name] = args;
            }
        }

        return result.ToImmutable();
    }

    private object? Args(string plugin, YamlNode node, string path)
    {
        if (_read.Mapping(node, path) is not { } mapping)
        {
            return null;
        }

        if (registry.ArgsType(plugin) is not { } type)
        {
            bag.Error(node.Start, $"{path}: plugin \"{plugin}\" takes no args");
            return null;
        }

        // Upstream's args carry their own apiVersion and kind (e.g. kind: NodeResourcesFitArgs).
        var body = new YamlMappingNode();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name == "kind" && value is YamlScalarNode { Value: var kind } && kind != plugin + "Args")
            {
                bag.Error(value.Start, $"{path}.kind: Unsupported value: \"{kind}\": supported values: \"{plugin}Args\"");
                return null;
            }

            if (name is not ("apiVersion" or "kind"))
            {
                body.Add(key, value);
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!YamlJson.Write(body, writer, bag))
            {
                return null;
            }
        }

        object? args;
        try
        {
            args = JsonSerializer.Deserialize(buffer.WrittenSpan, type, ArgsOptions);
        }
        catch (JsonException e)
        {
            Report(e, type, mapping, path);
            return null;
        }

        if (args is null)
        {
            return null;
        }

        var before = bag.ErrorCount;
        foreach (var problem in Validate(args, path))
        {
            bag.Error(YamlLocator.Find(root, YamlLocator.PathOf(problem) ?? path), problem);
        }

        return bag.ErrorCount == before ? args : null;
    }

    /// <summary>The args type's own validation: a public <c>Validate(string path)</c> returning the problems, when it has one.</summary>
    private static IEnumerable<string> Validate(object args, string path)
    {
        var method = args.GetType().GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        if (method is null || !typeof(IEnumerable<string>).IsAssignableFrom(method.ReturnType))
        {
            return [];
        }

        return (IEnumerable<string>?)method.Invoke(args, [path]) ?? [];
    }

    private void Report(JsonException e, Type type, YamlMappingNode mapping, string path)
    {
        var jsonPath = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        var unmapped = UnmappedProperty().Match(e.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var member = jsonPath.EndsWith(name, StringComparison.Ordinal) ? jsonPath : (jsonPath.Length == 0 ? name : $"{jsonPath}.{name}");
            var owner = TypeAt(type, member[..Math.Max(0, member.Length - name.Length)].TrimEnd('.'));
            var known = owner?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)) ?? [];
            var parent = Locate(mapping, member[..Math.Max(0, member.Length - name.Length)].TrimEnd('.'));
            var key = (parent as YamlMappingNode)?.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == name) ?? parent;
            bag.Error(key.Start, $"{path}.{member}: unknown field \"{name}\"{Spelling.Suggest(name, known)}");
            return;
        }

        var node = Locate(mapping, jsonPath);
        var expected = TypeAt(type, jsonPath) is { } target ? Expected(target) : "a different value";
        var full = jsonPath.Length == 0 ? path : $"{path}.{jsonPath}";
        bag.Error(node.Start, $"{full}: expected {expected}, got {Scalars.Describe(node)}");
    }

    private static YamlNode Locate(YamlNode mapping, string jsonPath)
    {
        var node = mapping;
        foreach (var segment in YamlLocator.Segments(jsonPath))
        {
            YamlNode? next = node switch
            {
                YamlMappingNode m => m.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value, segment, StringComparison.OrdinalIgnoreCase)).Value,
                YamlSequenceNode s when int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < s.Children.Count => s.Children[i],
                _ => null,
            };
            if (next is null)
            {
                break;
            }

            node = next;
        }

        return node;
    }

    /// <summary>The .NET type at <paramref name="jsonPath"/> below <paramref name="type"/> (properties matched case-insensitively).</summary>
    private static Type? TypeAt(Type type, string jsonPath)
    {
        Type? current = type;
        foreach (var segment in YamlLocator.Segments(jsonPath))
        {
            if (current is null)
            {
                return null;
            }

            current = ElementType(current) is { } element && int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? element
                : current.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return current;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;
    }

    private static string Expected(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(underlying));
        }

        if (underlying == typeof(string))
        {
            return "a string";
        }

        if (underlying == typeof(bool))
        {
            return "true or false";
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return "an integer";
        }

        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            return "a number";
        }

        return ElementType(underlying) is not null ? "a list" : "a mapping";
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedProperty();
}
