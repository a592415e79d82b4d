using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Yaml;

/// <summary>What a YAML scalar is under the YAML 1.2 core schema: null, a boolean, an integer, a float or a string.</summary>
internal static partial class Scalars
{
    /// <summary>True for a plain <c>null</c>, <c>~</c> or empty scalar (an absent value).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Tag.IsEmpty
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True for a plain scalar (not quoted, not a block): only those are typed by the core schema.</summary>
    public static bool IsPlain(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Tag.IsEmpty;

    /// <summary>The boolean a scalar spells (<c>true</c>/<c>false</c> in the core schema's spellings).</summary>
    public static bool TryBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The integer a scalar spells: decimal with an optional sign, <c>0x</c> hex or <c>0o</c> octal.</summary>
    public static bool TryInteger(string text, out long value)
    {
        value = 0;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return text.Length > 2 && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try
            {
                value = text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7') ? Convert.ToInt64(text[2..], 8) : -1;
            }
            catch (OverflowException)
            {
                return false;
            }

            return value >= 0;
        }

        return DecimalInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when the text is a core-schema float (<c>1.5</c>, <c>.5</c>, <c>1e3</c>; not <c>.inf</c> or <c>.nan</c>).</summary>
    public static bool IsFloat(string text) => FloatPattern().IsMatch(text);

    /// <summary>True when the text is already a JSON number literal.</summary>
    public static bool IsJsonNumber(string text) => JsonNumber().IsMatch(text);

    /// <summary>A short description of a node for messages: <c>a mapping</c>, <c>a list</c> or the quoted scalar.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "an alias",
    };

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
