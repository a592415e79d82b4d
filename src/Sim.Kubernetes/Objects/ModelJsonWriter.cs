using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Objects;

/// <summary>
/// Writes a Kubernetes object's YAML as the JSON its client model decodes, checking it against the
/// model's schema on the way: an unknown field or a value of the wrong type is an error at its line
/// and column; a field Sim does not simulate is left out with a warning (one per field path).
/// </summary>
internal sealed class ModelJsonWriter(DiagnosticBag bag, FieldFilter filter, Utf8JsonWriter writer)
{
    /// <summary>Writes <paramref name="node"/> as a value of <paramref name="type"/>.</summary>
    public void Write(YamlNode node, FieldType type) => Write(node, type, string.Empty, string.Empty, filtering: true);

    private void Write(YamlNode node, FieldType type, string path, string norm, bool filtering)
    {
        if (!bag.Visit(node, path.Count(c => c is '.' or '[')))
        {
            writer.WriteNullValue();
            return;
        }

        if (Scalars.IsNull(node))
        {
            writer.WriteNullValue();
            return;
        }

        switch (type.Kind)
        {
            case FieldKind.Object:
                WriteObject(node, type, path, norm, filtering);
                return;
            case FieldKind.Map:
                WriteMap(node, type, path, norm);
                return;
            case FieldKind.List:
                if (node is not YamlSequenceNode sequence)
                {
                    Mismatch(node, type, path);
                    return;
                }

                writer.WriteStartArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Write(sequence.Children[i], type.Element!, $"{path}[{i}]", norm + "[]", filtering);
                }

                writer.WriteEndArray();
                return;
            case FieldKind.Any:
                // Written apart, so that a value cut short by an error leaves this document well formed.
                var buffer = new ArrayBufferWriter<byte>();
                bool written;
                using (var inner = new Utf8JsonWriter(buffer))
                {
                    written = YamlJson.Write(node, inner, bag);
                }

                if (written)
                {
                    writer.WriteRawValue(buffer.WrittenSpan);
                }
                else
                {
                    writer.WriteNullValue();
                }

                return;
            default:
                WriteScalar(node, type, path);
                return;
        }
    }

    private void WriteObject(YamlNode node, FieldType type, string path, string norm, bool filtering)
    {
        if (node is not YamlMappingNode mapping)
        {
            Mismatch(node, type, path);
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                bag.Error(key.Start, $"{Display(path)}: expected a field name, got {Scalars.Describe(key)}");
                continue;
            }

            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            var childNorm = norm.Length == 0 ? name : $"{norm}.{name}";
            if (!type.Fields.TryGetValue(name, out var fieldType))
            {
                bag.Error(key.Start, $"{childPath}: unknown field \"{name}\"{Spelling.Suggest(name, type.Fields.Keys)}");
                continue;
            }

            var coverage = filtering ? filter.Classify(childNorm) : FieldCoverage.Whole;
            if (coverage == FieldCoverage.None)
            {
                bag.Ignored(childNorm, key.Start, $"{childNorm}: not simulated; ignored");
                continue;
            }

            if (Scalars.IsNull(value))
            {
                continue;
            }

            writer.WritePropertyName(name);
            Write(value, fieldType, childPath, childNorm, coverage == FieldCoverage.Partial);
        }

        writer.WriteEndObject();
    }

    private void WriteMap(YamlNode node, FieldType type, string path, string norm)
    {
        if (node is not YamlMappingNode mapping)
        {
            Mismatch(node, type, path);
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                bag.Error(key.Start, $"{Display(path)}: expected a key, got {Scalars.Describe(key)}");
                continue;
            }

            writer.WritePropertyName(name);
            Write(value, type.Element!, $"{path}[{name}]", norm + "[]", filtering: false);
        }

        writer.WriteEndObject();
    }

    private void WriteScalar(YamlNode node, FieldType type, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            Mismatch(node, type, path);
            return;
        }

        var text = scalar.Value ?? string.Empty;
        switch (type.Kind)
        {
            case FieldKind.String or FieldKind.Quantity:
                writer.WriteStringValue(text);
                return;
            case FieldKind.Boolean when Scalars.TryBoolean(text, out var flag):
                writer.WriteBooleanValue(flag);
                return;
            case FieldKind.Integer when Scalars.TryInteger(text, out var integer):
                if (type.Clr == typeof(int) && integer is < int.MinValue or > int.MaxValue)
                {
                    bag.Error(node.Start, $"{path}: {text} is out of range; expected a 32-bit integer");
                    writer.WriteNullValue();
                    return;
                }

                writer.WriteNumberValue(integer);
                return;
            case FieldKind.Number when Scalars.TryInteger(text, out var whole):
                writer.WriteNumberValue(whole);
                return;
            case FieldKind.Number when Scalars.IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                writer.WriteNumberValue(number);
                return;
            case FieldKind.IntOrString:
                if (Scalars.IsPlain(scalar) && Scalars.TryInteger(text, out var count) && count is >= int.MinValue and <= int.MaxValue)
                {
                    writer.WriteNumberValue(count);
                }
                else
                {
                    writer.WriteStringValue(text);
                }

                return;
            default:
                Mismatch(node, type, path);
                return;
        }
    }

    private void Mismatch(YamlNode node, FieldType type, string path)
    {
        bag.Error(node.Start, $"{Display(path)}: expected {type.Expected}, got {Scalars.Describe(node)}");
        writer.WriteNullValue();
    }

    private static string Display(string path) => path.Length == 0 ? "(document)" : path;
}
