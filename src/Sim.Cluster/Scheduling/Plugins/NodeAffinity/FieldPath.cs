using System.Globalization;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>Field paths in the form of apimachinery's <c>field.Path</c>: <c>a.b[0].c</c>; the root is empty.</summary>
internal static class FieldPath
{
    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Errors as one message, as upstream's flattened aggregate prints them: one as it is, several in brackets, repeats once.</summary>
    public static string Aggregate(IReadOnlyList<string> errors)
    {
        var distinct = new List<string>(errors.Count);
        foreach (var error in errors)
        {
            if (!distinct.Contains(error, StringComparer.Ordinal))
            {
                distinct.Add(error);
            }
        }

        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
