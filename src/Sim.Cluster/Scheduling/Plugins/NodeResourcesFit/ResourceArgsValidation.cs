using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster.Labels;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The pieces of upstream's <c>validation_pluginargs.go</c> the resource plugins share, producing
/// apimachinery <c>field.Error</c> messages (<c>path: Invalid value: 0: detail</c>).
/// </summary>
internal static class ResourceArgsValidation
{
    private const int MaxCustomPriorityScore = 10;

    /// <summary>A child field path, as <c>field.Path.Child</c> (an empty parent is the root).</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>An indexed field path, as <c>field.Path.Index</c>.</summary>
    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A <c>field.Invalid</c> error for a number.</summary>
    public static string Invalid(string path, long value, string detail) =>
        $"{path}: Invalid value: {value.ToString(CultureInfo.InvariantCulture)}: {detail}";

    /// <summary>A <c>field.Duplicate</c> error.</summary>
    public static string Duplicate(string path, string value) => $"{path}: Duplicate value: {FieldError.Quote(value)}";

    /// <summary>
    /// A null list item (<c>resources: [null]</c>, or an empty <c>- </c>): System.Text.Json does not check
    /// the nullability of list items, so the args' validation does.
    /// </summary>
    public static string NullItem(string path) => FieldError.Required(path, "a list item, not null");

    /// <summary>Upstream's <c>validateResources</c>: every weight in (0, 100].</summary>
    public static void ValidateResources(ImmutableArray<ResourceSpec> resources, string path, List<string> errors)
    {
        if (resources.IsDefault)
        {
            return;
        }

        for (var i = 0; i < resources.Length; i++)
        {
            var resource = resources[i];
            if (resource?.Name is null)
            {
                errors.Add(resource is null ? NullItem(Index(path, i)) : FieldError.Required(Child(Index(path, i), "name"), "a resource name"));
                continue;
            }

            if (resource.Weight is <= 0 or > 100)
            {
                errors.Add(Invalid(Child(Index(path, i), "weight"), resource.Weight, $"resource weight of {resource.Name} not in valid range (0, 100]"));
            }
        }
    }

    /// <summary>Upstream's <c>validateFunctionShape</c>: at least one point, increasing utilization, utilization 0..100, score 0..10.</summary>
    public static void ValidateFunctionShape(ImmutableArray<UtilizationShapePoint> shape, string path, List<string> errors)
    {
        if (shape.IsDefaultOrEmpty)
        {
            errors.Add(FieldError.Required(path, "at least one point must be specified"));
            return;
        }

        for (var i = 1; i < shape.Length; i++)
        {
            if (shape[i - 1].Utilization >= shape[i].Utilization)
            {
                errors.Add(Invalid(Child(Index(path, i), "utilization"), shape[i].Utilization, "values must be sorted in increasing order"));
                break;
            }
        }

        for (var i = 0; i < shape.Length; i++)
        {
            var point = shape[i];
            if (point.Utilization is < 0 or > 100)
            {
                errors.Add(Invalid(Child(Index(path, i), "utilization"), point.Utilization, "not in valid range [0, 100]"));
            }

            if (point.Score is < 0 or > MaxCustomPriorityScore)
            {
                errors.Add(Invalid(Child(Index(path, i), "score"), point.Score, $"not in valid range [0, {MaxCustomPriorityScore}]"));
            }
        }
    }

    /// <summary>
    /// Upstream's <c>metav1validation.ValidateLabelName</c>: one <c>field.Invalid</c> per problem with
    /// <paramref name="name"/> as a qualified name.
    /// </summary>
    public static void ValidateLabelName(string name, string path, List<string> errors)
    {
        // LabelValidation joins the problems with "; "; upstream reports each as its own error.
        // No problem text contains "; " itself.
        if (LabelValidation.KeyProblem(name) is not { } problems)
        {
            return;
        }

        foreach (var problem in problems.Split("; "))
        {
            errors.Add(FieldError.Invalid(path, name, problem));
        }
    }
}
