using Sim.Kubernetes.Yaml;
using Sim.Workloads;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Reads distributions (a scalar is a constant; a mapping names one distribution and may clamp it
/// with <c>min</c> and <c>max</c>) and control-plane delays, with values in the field's unit.
/// </summary>
internal static class Distributions
{
    private static readonly string[] DelayKinds = ["constant", "uniform", "exponential"];

    /// <summary>The distribution at <paramref name="node"/>, or null after reporting why it is not one.</summary>
    public static Distribution? Read(Binder b, YamlNode node, string path, Unit unit)
    {
        if (node is YamlScalarNode)
        {
            return b.Amount(node, path, unit) is { } constant ? Distribution.Constant(constant) : null;
        }

        var what = $"a distribution: a value or a mapping with one of {Binder.OneOf(ScenarioFields.DistributionKinds)}";
        if (b.Fields(node, path, ScenarioFields.Distribution, what, name => UnknownKind(name, ScenarioFields.DistributionKinds)) is not { } fields)
        {
            return null;
        }

        var kinds = ScenarioFields.DistributionKinds.Where(fields.Has).ToList();
        if (kinds.Count != 1)
        {
            if (!(kinds.Count == 0 && fields.HadUnknown))
            {
                b.Error(fields.Start, kinds.Count == 0
                    ? $"{path}: expected one of {Binder.OneOf(ScenarioFields.DistributionKinds)}{(fields.Has("min") || fields.Has("max") ? " beside min and max" : string.Empty)}"
                    : $"{path}: expected one distribution, got {Binder.OneOf(kinds).Replace(" or ", " and ", StringComparison.Ordinal)}");
            }

            return null;
        }

        var kind = kinds[0];
        var kindPath = $"{path}.{kind}";
        var distribution = Kind(b, kind, fields[kind]!, kindPath, unit);
        var min = fields["min"] is { } minNode ? b.Amount(minNode, $"{path}.min", unit) : null;
        var max = fields["max"] is { } maxNode ? b.Amount(maxNode, $"{path}.max", unit) : null;
        if (min is { } low && max is { } high && low > high)
        {
            b.Error(fields["max"]!.Start, $"{path}.max: expected at least min ({Text(fields["min"]!)}), got {Scalars.Describe(fields["max"]!)}");
            return null;
        }

        if (fields["min"] is not null && min is null || fields["max"] is not null && max is null)
        {
            return null;
        }

        return distribution?.Clamp(min, max);
    }

    /// <summary>A delay: a duration, or <c>constant</c>, <c>uniform</c> or <c>exponential</c> of durations.</summary>
    public static Cluster.Delay? ReadDelay(Binder b, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return b.Duration(node, path, positive: false) is { } constant ? Cluster.Delay.Constant(constant) : null;
        }

        var what = $"a duration or a mapping with one of {Binder.OneOf(DelayKinds)}";
        if (b.Fields(node, path, ScenarioFields.Delay, what, name => UnknownKind(name, DelayKinds)) is not { } fields)
        {
            return null;
        }

        var kinds = DelayKinds.Where(fields.Has).ToList();
        if (kinds.Count != 1)
        {
            if (!(kinds.Count == 0 && fields.HadUnknown))
            {
                b.Error(fields.Start, kinds.Count == 0
                    ? $"{path}: expected one of {Binder.OneOf(DelayKinds)}"
                    : $"{path}: expected one distribution, got {Binder.OneOf(kinds).Replace(" or ", " and ", StringComparison.Ordinal)}");
            }

            return null;
        }

        var kindPath = $"{path}.{kinds[0]}";
        var value = fields[kinds[0]]!;
        switch (kinds[0])
        {
            case "constant":
                return b.Duration(value, kindPath, positive: false) is { } constant ? Cluster.Delay.Constant(constant) : null;
            case "exponential":
                if (b.Fields(value, kindPath, ScenarioFields.Exponential, "a mapping with mean") is not { } exponential
                    || b.Required(exponential, "mean", "the mean duration, e.g. 10ms") is not { } meanNode)
                {
                    return null;
                }

                return b.Duration(meanNode, $"{kindPath}.mean", positive: true) is { } mean ? Cluster.Delay.Exponential(mean) : null;
            default:
                if (b.Fields(value, kindPath, ScenarioFields.Uniform, "a mapping with min and max") is not { } uniform)
                {
                    return null;
                }

                var minNode = b.Required(uniform, "min", "the shortest duration");
                var maxNode = b.Required(uniform, "max", "the longest duration");
                var min = minNode is null ? null : b.Duration(minNode, $"{kindPath}.min", positive: false);
                var max = maxNode is null ? null : b.Duration(maxNode, $"{kindPath}.max", positive: false);
                if (min is null || max is null)
                {
                    return null;
                }

                if (max < min)
                {
                    b.Error(maxNode!.Start, $"{kindPath}.max: expected at least min ({Text(minNode!)}), got {Scalars.Describe(maxNode)}");
                    return null;
                }

                return Cluster.Delay.Uniform(min.Value, max.Value);
        }
    }

    private static Distribution? Kind(Binder b, string kind, YamlNode node, string path, Unit unit)
    {
        switch (kind)
        {
            case "constant":
                return b.Amount(node, path, unit) is { } value ? Distribution.Constant(value) : null;
            case "uniform":
                {
                    if (b.Fields(node, path, ScenarioFields.Uniform, "a mapping with min and max") is not { } fields)
                    {
                        return null;
                    }

                    var minNode = b.Required(fields, "min", "the smallest value");
                    var maxNode = b.Required(fields, "max", "the largest value");
                    var min = minNode is null ? null : b.Amount(minNode, $"{path}.min", unit);
                    var max = maxNode is null ? null : b.Amount(maxNode, $"{path}.max", unit);
                    if (min is null || max is null)
                    {
                        return null;
                    }

                    if (max < min)
                    {
                        b.Error(maxNode!.Start, $"{path}.max: expected at least min ({Text(minNode!)}), got {Scalars.Describe(maxNode)}");
                        return null;
                    }

                    return Distribution.Uniform(min.Value, max.Value);
                }

            case "exponential":
                {
                    if (b.Fields(node, path, ScenarioFields.Exponential, "a mapping with mean") is not { } fields
                        || b.Required(fields, "mean", "the mean") is not { } meanNode)
                    {
                        return null;
                    }

                    return Positive(b, meanNode, $"{path}.mean", unit) is { } mean ? Distribution.Exponential(mean) : null;
                }

            case "lognormal":
                return LogNormal(b, node, path, unit);
            case "weibull":
                {
                    if (b.Fields(node, path, ScenarioFields.Weibull, "a mapping with shape and scale") is not { } fields)
                    {
                        return null;
                    }

                    var shapeNode = b.Required(fields, "shape", "the shape k, a positive number");
                    var scaleNode = b.Required(fields, "scale", "the scale λ, in the field's unit");
                    var shape = shapeNode is null ? null : Positive(b, shapeNode, $"{path}.shape", Unit.Number);
                    var scale = scaleNode is null ? null : Positive(b, scaleNode, $"{path}.scale", unit);
                    return shape is { } k && scale is { } lambda ? Distribution.Weibull(k, lambda) : null;
                }

            case "normal":
                {
                    if (b.Fields(node, path, ScenarioFields.Normal, "a mapping with mean and sd") is not { } fields)
                    {
                        return null;
                    }

                    var meanNode = b.Required(fields, "mean", "the mean");
                    var sdNode = b.Required(fields, "sd", "the standard deviation");
                    var mean = meanNode is null ? null : b.Amount(meanNode, $"{path}.mean", unit);
                    var sd = sdNode is null ? null : b.Amount(sdNode, $"{path}.sd", NonNegative(unit));
                    return mean is { } m && sd is { } s ? Distribution.Normal(m, s) : null;
                }

            default:
                {
                    if (node is YamlMappingNode)
                    {
                        return EmpiricalFile(b, node, path, unit);
                    }

                    if (b.Items(node, path, "a list of values, or a mapping with file (and column) naming a data file") is not { } items)
                    {
                        return null;
                    }

                    if (items.Count == 0)
                    {
                        b.Error(node.Start, $"{path}: expected at least one value, got an empty list");
                        return null;
                    }

                    var values = new List<double>(items.Count);
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (b.Amount(items[i], $"{path}[{i}]", unit) is { } item)
                        {
                            values.Add(item);
                        }
                    }

                    return values.Count == items.Count ? Distribution.Empirical(values) : null;
                }
        }
    }

    /// <summary><c>{file: F, column: C}</c>: the values of a data file, in the field's unit.</summary>
    private static Distribution? EmpiricalFile(Binder b, YamlNode node, string path, Unit unit)
    {
        if (b.Fields(node, path, ScenarioFields.EmpiricalFile, "a mapping with file and column") is not { } fields)
        {
            return null;
        }

        var column = fields["column"] is { } columnNode ? b.Text(columnNode, fields.PathOf("column"), "the name of a column of the file's header") : null;
        if (column is { Length: 0 })
        {
            b.Expected(fields["column"]!, fields.PathOf("column"), "the name of a column of the file's header");
            return null;
        }

        if (b.Required(fields, "file", "a data file relative to the scenario: a CSV file with a header (name the column) or one value per line") is not { } fileNode
            || b.Text(fileNode, fields.PathOf("file"), "a file name") is not { } file
            || fields.Has("column") && column is null)
        {
            return null;
        }

        return b.Files.Values(b, fileNode, fields.PathOf("file"), file, column, unit) is { } values ? Distribution.Empirical(values) : null;
    }

    private static Distribution? LogNormal(Binder b, YamlNode node, string path, Unit unit)
    {
        if (b.Fields(node, path, ScenarioFields.LogNormal, "a mapping with mean and sd, or with mu and sigma") is not { } fields)
        {
            return null;
        }

        var byMean = fields.Has("mean") || fields.Has("sd");
        var byMu = fields.Has("mu") || fields.Has("sigma");
        if (byMean == byMu || byMean && !(fields.Has("mean") && fields.Has("sd")) || byMu && !(fields.Has("mu") && fields.Has("sigma")))
        {
            b.Error(fields.Start, $"{path}: expected either mean and sd (of the value), or mu and sigma (of its logarithm)");
            return null;
        }

        if (byMean)
        {
            var mean = Positive(b, fields["mean"]!, $"{path}.mean", unit);
            var sd = b.Amount(fields["sd"]!, $"{path}.sd", NonNegative(unit));
            return mean is { } m && sd is { } s ? Distribution.LogNormalFromMean(m, s) : null;
        }

        var mu = b.Amount(fields["mu"]!, $"{path}.mu", Unit.Number);
        var sigma = b.Amount(fields["sigma"]!, $"{path}.sigma", Unit.Count);
        return mu is { } u && sigma is { } g ? Distribution.LogNormal(u, g) : null;
    }

    private static double? Positive(Binder b, YamlNode node, string path, Unit unit)
    {
        var value = b.Amount(node, path, NonNegative(unit));
        if (value is 0.0)
        {
            b.Expected(node, path, "a positive value");
            return null;
        }

        return value;
    }

    /// <summary>The unit with negative values refused (a plain number becomes a count).</summary>
    private static Unit NonNegative(Unit unit) => unit == Unit.Number ? Unit.Count : unit;

    private static string UnknownKind(string name, IReadOnlyList<string> kinds) =>
        name is "min" or "max"
            ? $"unknown field \"{name}\""
            : $"unknown distribution \"{name}\"{Suggestions.Suggest(name, kinds)}; expected one of {Binder.OneOf(kinds)}";

    private static string Text(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : Scalars.Describe(node);
}
