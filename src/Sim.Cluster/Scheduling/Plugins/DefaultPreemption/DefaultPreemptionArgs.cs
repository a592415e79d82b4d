namespace Sim.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// How many nodes preemption dry-runs before choosing (upstream's <c>DefaultPreemptionArgs</c>):
/// <c>max(nodes × minCandidateNodesPercentage / 100, minCandidateNodesAbsolute)</c>, at most all of them.
/// </summary>
public sealed record DefaultPreemptionArgs
{
    /// <summary>The share of the nodes, in percent (0..100), to find candidates on. Default 10.</summary>
    public int MinCandidateNodesPercentage { get; init; } = 10;

    /// <summary>The least number of candidates to find (at least 0). Default 100.</summary>
    public int MinCandidateNodesAbsolute { get; init; } = 100;

    /// <summary>Upstream's <c>ValidateDefaultPreemptionArgs</c>: the errors, each with its field path under <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        var percentagePath = prefix + "minCandidateNodesPercentage";
        var absolutePath = prefix + "minCandidateNodesAbsolute";
        var errors = new List<string>();
        if (MinCandidateNodesPercentage is < 0 or > 100)
        {
            errors.Add(Invalid(percentagePath, MinCandidateNodesPercentage, "not in valid range [0, 100]"));
        }

        if (MinCandidateNodesAbsolute < 0)
        {
            errors.Add(Invalid(absolutePath, MinCandidateNodesAbsolute, "not in valid range [0, inf)"));
        }

        if (MinCandidateNodesPercentage == 0 && MinCandidateNodesAbsolute == 0)
        {
            errors.Add(Invalid(percentagePath, 0, "cannot be zero at the same time as minCandidateNodesAbsolute"));
            errors.Add(Invalid(absolutePath, 0, "cannot be zero at the same time as minCandidateNodesPercentage"));
        }

        return errors;
    }

    private static string Invalid(string field, int value, string detail) =>
        $"{field}: Invalid value: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {detail}";
}
