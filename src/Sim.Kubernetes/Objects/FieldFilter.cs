namespace Sim.Kubernetes.Objects;

/// <summary>
/// The fields of one kind that Sim reads, as paths with <c>[]</c> for list items
/// (<c>spec.containers[].resources.requests</c>). A listed path covers everything below it; its
/// ancestors are read in part. Every other field is ignored with a warning.
/// </summary>
internal sealed class FieldFilter
{
    private readonly HashSet<string> _whole = new(StringComparer.Ordinal);
    private readonly HashSet<string> _partial = new(StringComparer.Ordinal);

    public FieldFilter(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _whole.Add(path);
            foreach (var ancestor in Ancestors(path))
            {
                _partial.Add(ancestor);
            }
        }
    }

    /// <summary>How much of the field at <paramref name="path"/> is read.</summary>
    public FieldCoverage Classify(string path)
    {
        if (_whole.Contains(path))
        {
            return FieldCoverage.Whole;
        }

        foreach (var ancestor in Ancestors(path))
        {
            if (_whole.Contains(ancestor))
            {
                return FieldCoverage.Whole;
            }
        }

        return _partial.Contains(path) ? FieldCoverage.Partial : FieldCoverage.None;
    }

    /// <summary><c>a.b[].c</c> has the ancestors <c>a</c>, <c>a.b[]</c> and <c>a.b</c>.</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var i = path.IndexOf('.', StringComparison.Ordinal); i > 0; i = path.IndexOf('.', i + 1))
        {
            var prefix = path[..i];
            yield return prefix;
            if (prefix.EndsWith("[]", StringComparison.Ordinal))
            {
                yield return prefix[..^2];
            }
        }
    }
}
