using System.Collections.Immutable;
using k8s.Models;
using Sim.Cluster.Labels;
using Sim.Cluster.Resources;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Objects;

/// <summary>
/// Converts the fields of one object, reporting each problem at the line and column its field path
/// points to. Messages start with the path, as upstream's field errors do.
/// </summary>
internal sealed class ObjectContext(DiagnosticBag bag, YamlNode root)
{
    private int _errors;

    /// <summary>True when a conversion error was reported for this object.</summary>
    public bool HasErrors => _errors != 0;

    /// <summary>Reports <c>path: message</c> at <paramref name="path"/>.</summary>
    public void Error(string path, string message)
    {
        _errors++;
        bag.Error(YamlLocator.Find(root, path), $"{path}: {message}");
    }

    /// <summary>Reports a message that already starts with its path (<c>spec.x: …</c>), at that path.</summary>
    public void Report(string message)
    {
        _errors++;
        bag.Error(YamlLocator.Find(root, YamlLocator.PathOf(message) ?? string.Empty), message);
    }

    /// <summary>A warning at <paramref name="path"/>.</summary>
    public void Warning(string path, string message) => bag.Warning(YamlLocator.Find(root, path), $"{path}: {message}");

    /// <summary>A label, selector or annotation map, ordinal-sorted; a missing value is the empty string.</summary>
    public static ImmutableSortedDictionary<string, string> Labels(IDictionary<string, string>? labels)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            builder[key] = value ?? string.Empty;
        }

        return builder.ToImmutable();
    }

    /// <summary>A resource map parsed with Sim's quantity rules; every bad entry is reported at its value.</summary>
    public ResourceList Resources(IDictionary<string, ResourceQuantity>? amounts, string path)
    {
        if (amounts is null || amounts.Count == 0)
        {
            return ResourceList.Empty;
        }

        var texts = amounts.Select(pair => KeyValuePair.Create(pair.Key, QuantityText.Of(pair.Value)));
        if (!ResourceList.TryParse(texts, path, out var list, out var errors))
        {
            foreach (var error in errors)
            {
                Report(error);
            }
        }

        return list;
    }

    /// <summary>A structured label selector; problems are reported under <paramref name="path"/>. A missing one selects nothing.</summary>
    public LabelSelector Selector(V1LabelSelector? selector, string path)
    {
        if (selector is null)
        {
            return LabelSelector.Nothing;
        }

        var spec = new LabelSelectorSpec
        {
            MatchLabels = selector.MatchLabels is null ? null : Labels(selector.MatchLabels),
            MatchExpressions = selector.MatchExpressions?.Select(e => e is null ? null! : new LabelSelectorExpression
            {
                Key = e.Key ?? string.Empty,
                Operator = e.OperatorProperty ?? string.Empty,
                Values = e.Values is null ? null : [.. e.Values.Select(v => v ?? string.Empty)],
            }).ToList(),
        };
        if (!LabelSelector.TryCreate(spec, out var result, out var error))
        {
            foreach (var part in error.Split("; "))
            {
                Report($"{path}.{part}");
            }
        }

        return result;
    }

    /// <summary>
    /// One of the <paramref name="allowed"/> spellings, or <paramref name="fallback"/> when the field is
    /// absent or empty; anything else is reported with upstream's <c>Unsupported value</c> message.
    /// </summary>
    public T Enum<T>(string? value, string path, T fallback, params (string Name, T Value)[] allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        foreach (var (name, result) in allowed)
        {
            if (name == value)
            {
                return result;
            }
        }

        Error(path, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", allowed.Select(a => $"\"{a.Name}\""))}");
        return fallback;
    }
}
