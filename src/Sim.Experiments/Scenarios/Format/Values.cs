using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Sim.Cluster.Labels;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Names, label maps and lists of names.</summary>
internal static partial class Values
{
    public const string DnsLabelRule = "a name of lowercase letters, digits and '-' that starts and ends with a letter or digit, at most 63 characters";

    public const string SimpleNameRule = "a name of letters, digits, '.', '_' and '-' that starts and ends with a letter or digit";

    /// <summary>A name that names Kubernetes objects (<c>NAME-INDEX</c>): an RFC 1123 label.</summary>
    public static string? DnsLabel(Binder b, YamlNode node, string path)
    {
        if (b.Text(node, path, DnsLabelRule) is not { } text)
        {
            return null;
        }

        if (text.Length > 63 || !DnsLabelPattern().IsMatch(text))
        {
            b.Expected(node, path, DnsLabelRule);
            return null;
        }

        return text;
    }

    /// <summary>A name that appears in outputs (scenario and policy names).</summary>
    public static string? SimpleName(Binder b, YamlNode node, string path)
    {
        if (b.Text(node, path, SimpleNameRule) is not { } text)
        {
            return null;
        }

        if (!SimpleNamePattern().IsMatch(text))
        {
            b.Expected(node, path, SimpleNameRule);
            return null;
        }

        return text;
    }

    /// <summary>
    /// A label map (keys and values as Kubernetes checks them), or null after an error. Keys that
    /// <paramref name="reserved"/> names (with the field to use instead) are refused.
    /// </summary>
    public static ImmutableDictionary<string, string>? Labels(Binder b, YamlNode node, string path, Func<string, string?>? reserved = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            b.Expected(node, path, "a mapping of label keys to values");
            return null;
        }

        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (keyNode, raw) in mapping.Children)
        {
            var value = b.Resolve(raw);
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                b.Expected(keyNode, path, "a label key");
                ok = false;
                continue;
            }

            var where = $"{path}[{key}]";
            if (!LabelValidation.IsValidKey(key, out var keyError))
            {
                b.Error(keyNode.Start, $"{where}: {keyError}");
                ok = false;
                continue;
            }

            if (reserved?.Invoke(key) is { } instead)
            {
                b.Error(keyNode.Start, $"{where}: {instead}");
                ok = false;
                continue;
            }

            var text = value is YamlScalarNode && Kubernetes.Yaml.Scalars.IsNull(value) ? string.Empty : b.Text(value, where, "a label value");
            if (text is null)
            {
                ok = false;
                continue;
            }

            if (!LabelValidation.IsValidValue(text, out var valueError))
            {
                b.Error(value.Start, $"{where}: {valueError}");
                ok = false;
                continue;
            }

            labels[key] = text;
        }

        return ok ? labels.ToImmutable() : null;
    }

    /// <summary>A list of distinct, non-empty strings; each string is checked by <paramref name="check"/> (null for any text).</summary>
    public static ImmutableArray<string>? Strings(Binder b, YamlNode node, string path, string what, Func<YamlNode, string, string?>? check = null)
    {
        if (b.Items(node, path, $"a list of {what}") is not { } items)
        {
            return null;
        }

        var result = ImmutableArray.CreateBuilder<string>(items.Count);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{path}[{i}]";
            var text = check is null ? b.Text(items[i], where, what) : check(items[i], where);
            if (text is null)
            {
                continue;
            }

            if (seen.TryGetValue(text, out var line))
            {
                b.Error(items[i].Start, $"{where}: duplicate \"{text}\" (also at line {line})");
                continue;
            }

            seen[text] = items[i].Start.Line;
            result.Add(text);
        }

        return result.Count == items.Count ? result.ToImmutable() : null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleNamePattern();
}
