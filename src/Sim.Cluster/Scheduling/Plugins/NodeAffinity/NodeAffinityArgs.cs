namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>The NodeAffinity plugin's args (upstream's <c>NodeAffinityArgs</c>).</summary>
public sealed record NodeAffinityArgs
{
    /// <summary><c>addedAffinity</c>: node affinity applied to every pod of the profile; null (the default) for none.</summary>
    public AddedNodeAffinity? AddedAffinity { get; init; }

    /// <summary>
    /// Upstream's <c>ValidateNodeAffinityArgs</c>: every requirement of the added affinity must parse
    /// (valid label keys and values, operators, one value per field requirement). Each error names its
    /// field under <paramref name="path"/>, e.g. <c>addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key</c>.
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (AddedAffinity is not { } added)
        {
            return [];
        }

        var errors = new List<string>();
        var addedPath = FieldPath.Child(path, "addedAffinity");
        if (added.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            var selector = CompiledNodeSelector.Parse(
                required.NodeSelectorTerms,
                FieldPath.Child(FieldPath.Child(addedPath, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms"));
            errors.AddRange(selector.ParseErrors);
        }

        if (!added.PreferredDuringSchedulingIgnoredDuringExecution.IsDefaultOrEmpty)
        {
            PreferredSchedulingTerms.Parse(
                added.PreferredDuringSchedulingIgnoredDuringExecution,
                FieldPath.Child(addedPath, "preferredDuringSchedulingIgnoredDuringExecution"),
                errors);
        }

        return errors;
    }
}
