using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.SchedulerConfig;

/// <summary>Typed reads of hand-shaped YAML, each reporting a wrong shape at its line and column.</summary>
internal sealed class YamlReading(DiagnosticBag bag)
{
    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        bag.Error(node.Start, $"{path}: expected a mapping, got {Scalars.Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        bag.Error(node.Start, $"{path}: expected a list, got {Scalars.Describe(node)}");
        return null;
    }

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            return Scalars.IsNull(node) ? null : scalar.Value;
        }

        bag.Error(node.Start, $"{path}: expected a string, got {Scalars.Describe(node)}");
        return null;
    }

    public int? Integer(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && Scalars.TryInteger(scalar.Value ?? string.Empty, out var value) && value is >= int.MinValue and <= int.MaxValue)
        {
            return (int)value;
        }

        bag.Error(node.Start, $"{path}: expected an integer, got {Scalars.Describe(node)}");
        return null;
    }

    /// <summary>
    /// The fields of <paramref name="mapping"/> by name; a field not in <paramref name="known"/> is an
    /// error, unless it is in <paramref name="ignored"/>, which is a warning.
    /// </summary>
    public Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string path, IReadOnlyCollection<string> known, IReadOnlySet<string>? ignored)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var where = path.Length == 0 ? string.Empty : path + ".";
            if (key is not YamlScalarNode { Value: { } name })
            {
                bag.Error(key.Start, $"{(path.Length == 0 ? "(document)" : path)}: expected a field name, got {Scalars.Describe(key)}");
                continue;
            }

            if (ignored?.Contains(name) == true)
            {
                bag.Warning(key.Start, $"{where}{name}: not simulated; ignored");
                continue;
            }

            if (!known.Contains(name))
            {
                bag.Error(key.Start, $"{where}{name}: unknown field \"{name}\"{Spelling.Suggest(name, known.Concat(ignored ?? Enumerable.Empty<string>()))}");
                continue;
            }

            fields[name] = value;
        }

        return fields;
    }
}
