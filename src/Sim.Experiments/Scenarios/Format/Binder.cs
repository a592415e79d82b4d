using System.Globalization;
using Sim.Kubernetes.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Typed reads of the scenario tree for one variant: each wrong value is reported at its line and
/// column with its field path and what was expected, and reading goes on so that every error of the
/// file is found at once. Sweep values replace the nodes they sweep (<see cref="Overrides"/>).
/// </summary>
internal sealed class Binder(DiagnosticBag bag, IReadOnlyDictionary<YamlNode, YamlNode> overrides, InputFiles files, ScenarioReaderOptions options)
{
    public DiagnosticBag Bag { get; } = bag;

    /// <summary>The files the scenario names, read once for all variants.</summary>
    public InputFiles Files { get; } = files;

    public ScenarioReaderOptions Options { get; } = options;

    /// <summary>Swept nodes and the values that replace them in this variant.</summary>
    public IReadOnlyDictionary<YamlNode, YamlNode> Overrides { get; } = overrides;

    public void Error(Mark at, string message) => Bag.Error(at, message);

    public void Warning(Mark at, string message) => Bag.Warning(at, message);

    /// <summary>The node as this variant sees it.</summary>
    public YamlNode Resolve(YamlNode node) => Overrides.TryGetValue(node, out var replacement) ? replacement : node;

    /// <summary>
    /// The fields of a mapping, checked against <paramref name="set"/>: an unknown key is an error with a
    /// "did you mean" suggestion, or the message <paramref name="elsewhere"/> gives for it (a key of
    /// another kind). Null (with an error) when <paramref name="node"/> is not a mapping.
    /// </summary>
    public Fields? Fields(YamlNode node, string path, FieldSet set, string what, Func<string, string?>? elsewhere = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            Expected(node, path, what);
            return null;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var unknown = false;
        foreach (var (key, raw) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Error(key.Start, $"{Label(path)}: expected a field name, got {Scalars.Describe(key)}");
                unknown = true;
                continue;
            }

            var where = path.Length == 0 ? name : $"{path}.{name}";
            if (!set.Contains(name))
            {
                Error(key.Start, $"{where}: {elsewhere?.Invoke(name) ?? $"unknown field \"{name}\"{Suggestions.Suggest(name, set.Names)}"}");
                unknown = true;
                continue;
            }

            var value = Resolve(raw);
            if (!Scalars.IsNull(value))
            {
                values[name] = value;
            }
        }

        return new Fields(mapping, path, values, unknown);
    }

    /// <summary>Reports a missing required field at the start of its mapping.</summary>
    public void Missing(Fields fields, string name, string expected) =>
        Error(fields.Start, $"{(fields.Path.Length == 0 ? string.Empty : fields.Path + ": ")}missing required field \"{name}\" ({expected})");

    /// <summary>The value of a required field, or null after reporting that it is missing.</summary>
    public YamlNode? Required(Fields fields, string name, string expected)
    {
        if (fields[name] is { } value)
        {
            return value;
        }

        Missing(fields, name, expected);
        return null;
    }

    /// <summary>The items of a list, sweep values in place; null (with an error) when it is not a list.</summary>
    public IReadOnlyList<YamlNode>? Items(YamlNode node, string path, string what)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Expected(node, path, what);
            return null;
        }

        return [.. sequence.Children.Select(Resolve)];
    }

    /// <summary>The text of a scalar; null (with an error) for a mapping or a list.</summary>
    public string? Text(YamlNode node, string path, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && !Scalars.IsNull(node))
        {
            return value;
        }

        Expected(node, path, what);
        return null;
    }

    public bool? Boolean(YamlNode node, string path)
    {
        if (Text(node, path, "true or false") is not { } text)
        {
            return null;
        }

        if (Scalars.TryBoolean(text, out var value))
        {
            return value;
        }

        Expected(node, path, "true or false");
        return null;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long? Integer(YamlNode node, string path, long min, long max)
    {
        var range = max == long.MaxValue || max == int.MaxValue && min > int.MinValue
            ? $"a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}"
            : $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}";
        if (Text(node, path, range) is not { } text)
        {
            return null;
        }

        if (!Scalars.TryInteger(text, out var value))
        {
            var tooLarge = text.Length > 0 && text.TrimStart('+', '-').All(char.IsAsciiDigit) && text.TrimStart('+', '-').Length > 0;
            Expected(node, path, tooLarge && !text.StartsWith('-')
                ? $"a whole number of at most {max.ToString("N0", CultureInfo.InvariantCulture)}"
                : range);
            return null;
        }

        if (value < min)
        {
            Expected(node, path, range);
            return null;
        }

        if (value > max)
        {
            Expected(node, path, $"a whole number of at most {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    /// <summary>A duration; <paramref name="positive"/> refuses zero, and negative durations are always refused.</summary>
    public TimeSpan? Duration(YamlNode node, string path, bool positive)
    {
        var what = $"a duration such as {Units.DurationExamples}";
        if (Text(node, path, what) is not { } text)
        {
            return null;
        }

        switch (Units.TryDuration(text, out var value))
        {
            case Units.Status.Invalid:
                Expected(node, path, what);
                return null;
            case Units.Status.TooLarge:
                Expected(node, path, $"a duration of at most {Units.MaxDurationText}");
                return null;
        }

        if (value < TimeSpan.Zero || positive && value == TimeSpan.Zero)
        {
            Expected(node, path, positive ? "a positive duration" : "a duration that is not negative");
            return null;
        }

        return value;
    }

    /// <summary>A rate in events per second; <paramref name="positive"/> refuses zero.</summary>
    public double? Rate(YamlNode node, string path, bool positive)
    {
        var what = $"a rate such as {Units.RateExamples}";
        if (Text(node, path, what) is not { } text)
        {
            return null;
        }

        switch (Units.TryRate(text, out var value))
        {
            case Units.Status.Invalid:
                Expected(node, path, what);
                return null;
            case Units.Status.TooLarge:
                Expected(node, path, "a finite rate");
                return null;
        }

        if (value < 0 || positive && value == 0)
        {
            Expected(node, path, positive ? "a positive rate" : "a rate that is not negative");
            return null;
        }

        return value;
    }

    /// <summary>An amount in <paramref name="unit"/>, as the model holds it (seconds, milli-CPU, bytes, GPUs or a plain number).</summary>
    public double? Amount(YamlNode node, string path, Unit unit)
    {
        if (Text(node, path, Units.Expected(unit)) is not { } text)
        {
            return null;
        }

        var amount = Units.Amount(text, unit, out var error);
        if (amount is null)
        {
            Error(node.Start, $"{path}: {error}");
        }

        return amount;
    }

    /// <summary><c>PATH: expected WHAT, got DESCRIPTION</c> at the node.</summary>
    public void Expected(YamlNode node, string path, string what) =>
        Error(node.Start, $"{Label(path)}: expected {what}, got {Scalars.Describe(node)}");

    /// <summary><c>a, b or c</c>.</summary>
    public static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Label(string path) => path.Length == 0 ? "(document)" : path;
}
