using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Reads <c>sweep</c>: parameters given as paths into the document (list items by name or index), each
/// with the values it takes; and expands them into variants, one per combination, the last
/// parameter varying fastest.
/// </summary>
internal static class SweepReader
{
    /// <summary>The most variants a sweep may make.</summary>
    public const int MaxVariants = 10_000;

    private const int MaxValueText = 60;

    /// <summary>The parameters (empty without a sweep), or null after an error.</summary>
    public static ImmutableArray<SweepParameter>? Read(Binder b, YamlNode root)
    {
        if (root is not YamlMappingNode mapping
            || mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "sweep" }).Value is not { } sweepNode
            || Scalars.IsNull(sweepNode))
        {
            return [];
        }

        if (b.Items(sweepNode, "sweep", "a list of parameters, each with parameter and values") is not { } items)
        {
            return null;
        }

        var errors = b.Bag.ErrorCount;
        var parameters = new List<(SweepParameter Parameter, List<YamlNode> Chain, string Path)>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"sweep[{i}]";
            if (b.Fields(items[i], path, ScenarioFields.SweepParameter, "a mapping with parameter, label and values") is not { } fields)
            {
                continue;
            }

            var parameterNode = b.Required(fields, "parameter", "a path into this file, e.g. cluster.pools.general.count");
            var parameter = parameterNode is null ? null : b.Text(parameterNode, fields.PathOf("parameter"), "a path into this file, e.g. cluster.pools.general.count");
            var resolved = parameter is null ? null : Resolve(b, mapping, parameter, parameterNode!, fields.PathOf("parameter"));
            if (resolved is { } found)
            {
                foreach (var (earlier, chain, earlierPath) in parameters)
                {
                    if (ReferenceEquals(found.Target, earlier.Target) || found.Chain.Any(n => ReferenceEquals(n, earlier.Target)) || chain.Any(n => ReferenceEquals(n, found.Target)))
                    {
                        b.Error(parameterNode!.Start, $"{fields.PathOf("parameter")}: overlaps {earlierPath} ({earlier.Label})");
                        resolved = null;
                        break;
                    }
                }
            }

            var label = parameter;
            if (fields["label"] is { } labelNode && b.Text(labelNode, fields.PathOf("label"), "a short name for the parameter") is { } labelText)
            {
                if (labelText.IndexOfAny(['[', ']', '=', ',']) >= 0)
                {
                    b.Expected(labelNode, fields.PathOf("label"), "a label without '[', ']', '=' or ','");
                }

                label = labelText;
            }

            if (label is not null && resolved is not null)
            {
                if (labels.TryGetValue(label, out var other))
                {
                    b.Error((fields["label"] ?? parameterNode!).Start, $"{fields.PathOf("label")}: duplicate label \"{label}\" (also sweep[{other}])");
                }
                else
                {
                    labels[label] = i;
                }
            }

            var values = b.Required(fields, "values", "the values the parameter takes, e.g. [100, 200]") is { } valuesNode ? Values(b, valuesNode, fields.PathOf("values")) : null;
            if (resolved is { } target && values is { } list && label is not null)
            {
                parameters.Add((new SweepParameter(label, target.Target, list), target.Chain, path));
            }
        }

        if (b.Bag.ErrorCount != errors)
        {
            return null;
        }

        var combinations = 1L;
        foreach (var (parameter, _, _) in parameters)
        {
            combinations *= parameter.Values.Length;
            if (combinations > MaxVariants)
            {
                b.Error(sweepNode.Start, $"sweep: expected at most {MaxVariants:N0} combinations, got {parameters.Aggregate(1.0, (n, p) => n * p.Parameter.Values.Length):N0}");
                return null;
            }
        }

        return [.. parameters.Select(p => p.Parameter)];
    }

    /// <summary>Every combination of values, the last parameter varying fastest: the variant's name, its parameter values and the nodes it replaces.</summary>
    public static IEnumerable<(string Name, ImmutableArray<KeyValuePair<string, string>> Parameters, Dictionary<YamlNode, YamlNode> Overrides)> Variants(
        string name, ImmutableArray<SweepParameter> parameters)
    {
        var index = new int[parameters.Length];
        while (true)
        {
            var values = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(parameters.Length);
            var overrides = new Dictionary<YamlNode, YamlNode>(ReferenceEqualityComparer.Instance);
            for (var p = 0; p < parameters.Length; p++)
            {
                var (node, text) = parameters[p].Values[index[p]];
                values.Add(new(parameters[p].Label, text));
                overrides[parameters[p].Target] = node;
            }

            var variantName = $"{name}[{string.Join(",", values.Select(v => $"{v.Key}={v.Value}"))}]";
            yield return (variantName, values.MoveToImmutable(), overrides);
            var digit = parameters.Length - 1;
            while (digit >= 0 && ++index[digit] == parameters[digit].Values.Length)
            {
                index[digit] = 0;
                digit--;
            }

            if (digit < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The node <paramref name="path"/> names and the nodes on the way to it, or null after an error.</summary>
    private static (YamlNode Target, List<YamlNode> Chain)? Resolve(Binder b, YamlMappingNode root, string path, YamlNode at, string where)
    {
        var segments = YamlLocator.Segments(path).ToList();
        if (segments.Count == 0 || segments.Any(s => s.Length == 0))
        {
            b.Expected(at, where, "a path into this file such as cluster.pools.general.count");
            return null;
        }

        if (segments[0] is "name" or "sweep")
        {
            b.Error(at.Start, $"{where}: \"{segments[0]}\" cannot be swept{(segments[0] == "name" ? "; variants are named after it" : string.Empty)}");
            return null;
        }

        YamlNode node = root;
        var chain = new List<YamlNode> { root };
        var walked = string.Empty;
        foreach (var segment in segments)
        {
            var owner = walked.Length == 0 ? "the scenario" : walked;
            YamlNode? next;
            switch (node)
            {
                case YamlMappingNode mapping:
                    next = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == segment).Value;
                    if (next is null)
                    {
                        var keys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty);
                        b.Error(at.Start, $"{where}: {owner} has no field \"{segment}\"{Suggestions.Suggest(segment, keys)}");
                        return null;
                    }

                    break;
                case YamlSequenceNode sequence:
                    next = sequence.Children.FirstOrDefault(item => ItemName(item) == segment);
                    if (next is null && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sequence.Children.Count)
                    {
                        next = sequence.Children[i];
                    }

                    if (next is null)
                    {
                        var names = sequence.Children.Select(ItemName).OfType<string>().ToList();
                        b.Error(at.Start, $"{where}: {owner} has no item \"{segment}\"{Suggestions.Suggest(segment, names)}; items are named by their name or index{(names.Count == 0 ? string.Empty : $" ({string.Join(", ", names)})")}");
                        return null;
                    }

                    break;
                default:
                    b.Error(at.Start, $"{where}: {owner} is a single value; it has no \"{segment}\"");
                    return null;
            }

            walked = walked.Length == 0 ? segment : $"{walked}.{segment}";
            node = next;
            chain.Add(node);
        }

        chain.RemoveAt(chain.Count - 1);
        return (node, chain);
    }

    private static string? ItemName(YamlNode item) => item switch
    {
        YamlMappingNode mapping => mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value is YamlScalarNode { Value: { } name } ? name : null,
        YamlScalarNode { Value: { } value } => value,
        _ => null,
    };

    private static ImmutableArray<(YamlNode Node, string Text)>? Values(Binder b, YamlNode node, string path)
    {
        if (b.Items(node, path, "a list of values") is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            b.Error(node.Start, $"{path}: expected at least one value, got an empty list");
            return null;
        }

        var values = ImmutableArray.CreateBuilder<(YamlNode, string)>(items.Count);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var text = Render(items[i]);
            if (seen.TryGetValue(text, out var line))
            {
                b.Error(items[i].Start, $"{path}[{i}]: duplicate value {text} (also at line {line})");
                continue;
            }

            seen[text] = items[i].Start.Line;
            values.Add((items[i], text));
        }

        return values.Count == items.Count ? values.ToImmutable() : null;
    }

    /// <summary>A value's text for variant names: the scalar as written, or a compact flow form of a mapping or list, shortened.</summary>
    internal static string Render(YamlNode node)
    {
        var text = new StringBuilder();
        Render(node, text, 0);
        return text.Length > MaxValueText ? string.Concat(text.ToString().AsSpan(0, MaxValueText - 1), "…") : text.ToString();
    }

    private static void Render(YamlNode node, StringBuilder text, int depth)
    {
        if (text.Length > MaxValueText || depth > DiagnosticBag.MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                text.Append(scalar.Value);
                break;
            case YamlSequenceNode sequence:
                text.Append('[');
                for (var i = 0; i < sequence.Children.Count && text.Length <= MaxValueText; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Render(sequence.Children[i], text, depth + 1);
                }

                text.Append(']');
                break;
            case YamlMappingNode mapping:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in mapping.Children)
                {
                    if (text.Length > MaxValueText)
                    {
                        break;
                    }

                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    Render(key, text, depth + 1);
                    text.Append(": ");
                    Render(value, text, depth + 1);
                }

                text.Append('}');
                break;
        }
    }
}
