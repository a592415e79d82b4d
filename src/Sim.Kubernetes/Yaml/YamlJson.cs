using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Yaml;

/// <summary>
/// Writes a YAML node as JSON the way Kubernetes converts YAML before decoding: mappings become
/// objects, lists arrays, and plain scalars are typed by the YAML 1.2 core schema (null, booleans,
/// numbers); quoted scalars stay strings.
/// </summary>
internal static class YamlJson
{
    /// <summary>Writes <paramref name="node"/>; false (with a diagnostic) when a mapping key is not a plain value.</summary>
    public static bool Write(YamlNode node, Utf8JsonWriter writer, DiagnosticBag bag) => Write(node, writer, bag, 0);

    private static bool Write(YamlNode node, Utf8JsonWriter writer, DiagnosticBag bag, int depth)
    {
        if (!bag.Visit(node, depth))
        {
            return false;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        bag.Error(key.Start, "expected a field name, got " + Scalars.Describe(key));
                        return false;
                    }

                    writer.WritePropertyName(name);
                    if (!Write(value, writer, bag, depth + 1))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    if (!Write(item, writer, bag, depth + 1))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            case YamlScalarNode scalar:
                WriteScalar(scalar, writer);
                return true;
            default:
                bag.Error(node.Start, "unexpected YAML node");
                return false;
        }
    }

    /// <summary>Writes a scalar typed by the core schema.</summary>
    public static void WriteScalar(YamlScalarNode scalar, Utf8JsonWriter writer)
    {
        var text = scalar.Value ?? string.Empty;
        if (Scalars.IsNull(scalar))
        {
            writer.WriteNullValue();
        }
        else if (!Scalars.IsPlain(scalar))
        {
            writer.WriteStringValue(text);
        }
        else if (Scalars.TryBoolean(text, out var flag))
        {
            writer.WriteBooleanValue(flag);
        }
        else if (Scalars.IsJsonNumber(text))
        {
            writer.WriteRawValue(text);
        }
        else if (Scalars.TryInteger(text, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (Scalars.IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
