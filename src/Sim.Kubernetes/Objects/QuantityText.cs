using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Sim.Kubernetes.Objects;

/// <summary>
/// A quantity as written in the file. The client model's own <see cref="ResourceQuantity"/> parser is
/// bypassed: Sim parses the text itself, with upstream's exact rules and its own error messages.
/// </summary>
internal sealed class QuantityText(string text) : ResourceQuantity(0m, 0, SuffixFormat.DecimalSI)
{
    /// <summary>The text, e.g. <c>500m</c>.</summary>
    public string Text { get; } = text;

    /// <summary>The text of a decoded quantity (empty for a missing one).</summary>
    public static string Of(ResourceQuantity? quantity) => quantity is QuantityText text ? text.Text : string.Empty;

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is QuantityText other && other.Text == Text;

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>Decodes a quantity into a <see cref="QuantityText"/>.</summary>
    internal sealed class Converter : JsonConverter<ResourceQuantity>
    {
        public override ResourceQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new QuantityText(reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : System.Text.Encoding.UTF8.GetString(reader.ValueSpan));

        public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value?.ToString());
        }
    }
}
