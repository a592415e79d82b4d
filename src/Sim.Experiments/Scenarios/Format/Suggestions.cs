using Sim.Kubernetes.Yaml;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>"Did you mean" for the scenario format: a close spelling, else a name the text begins or names the last part of ("Deploy" → "Deployment", "gpu" → "nvidia.com/gpu").</summary>
internal static class Suggestions
{
    public static string Suggest(string name, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        if (name.Length == 0)
        {
            return string.Empty;
        }

        var qualified = list.Where(c => c.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (qualified is not null)
        {
            return $" (did you mean \"{qualified}\"?)";
        }

        var close = Spelling.Suggest(name, list);
        if (close.Length > 0)
        {
            return close;
        }

        var prefixed = list.Where(c => name.Length >= 3 && c.StartsWith(name, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
        return prefixed is null ? string.Empty : $" (did you mean \"{prefixed}\"?)";
    }
}
