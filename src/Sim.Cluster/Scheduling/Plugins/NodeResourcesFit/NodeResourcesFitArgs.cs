using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The args of NodeResourcesFit (upstream's <c>NodeResourcesFitArgs</c>, <c>kubescheduler.config.k8s.io/v1</c>):
/// resources the fit check ignores and how nodes are scored. Property names map to the YAML fields in
/// camelCase (<c>ignoredResources</c>, <c>ignoredResourceGroups</c>, <c>scoringStrategy</c>).
/// </summary>
/// <example>
/// <code>
/// var args = new NodeResourcesFitArgs
/// {
///     ScoringStrategy = new() { Type = ScoringStrategyType.MostAllocated, Resources = [new("cpu", 2), new("memory", 1)] },
/// };
/// </code>
/// </example>
public sealed record NodeResourcesFitArgs
{
    /// <summary>Extended resources the fit check ignores (e.g. <c>example.com/foo</c>).</summary>
    public ImmutableArray<string> IgnoredResources { get; init; } = [];

    /// <summary>Domains of extended resources the fit check ignores (e.g. <c>example.com</c> ignores <c>example.com/*</c>).</summary>
    public ImmutableArray<string> IgnoredResourceGroups { get; init; } = [];

    /// <summary>How nodes are scored; defaults to <see cref="ScoringStrategy.Default"/> (LeastAllocated over cpu:1 and memory:1).</summary>
    public ScoringStrategy? ScoringStrategy { get; init; } = ScoringStrategy.Default;

    /// <summary>
    /// These args with upstream's v1 defaulting applied (<c>SetDefaults_NodeResourcesFitArgs</c>): no
    /// strategy becomes the default one, an empty resource list becomes cpu:1 and memory:1, and a weight
    /// of 0 becomes 1. Args read from a config are defaulted before they are validated.
    /// </summary>
    public NodeResourcesFitArgs WithDefaults()
    {
        var strategy = ScoringStrategy ?? ScoringStrategy.Default;
        return this with
        {
            IgnoredResources = IgnoredResources.IsDefault ? [] : IgnoredResources,
            IgnoredResourceGroups = IgnoredResourceGroups.IsDefault ? [] : IgnoredResourceGroups,
            ScoringStrategy = strategy with { Resources = ResourceSpec.WithDefaults(strategy.Resources) },
        };
    }

    /// <summary>
    /// Upstream's <c>ValidateNodeResourcesFitArgs</c>: every problem, as a field error under
    /// <paramref name="path"/> (empty for the args themselves), e.g.
    /// <c>scoringStrategy.resources[0].weight: Invalid value: 0: resource weight of cpu not in valid range (0, 100]</c>.
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        var resourcesPath = ResourceArgsValidation.Child(path, "ignoredResources");
        for (var i = 0; i < (IgnoredResources.IsDefault ? 0 : IgnoredResources.Length); i++)
        {
            if (IgnoredResources[i] is null)
            {
                errors.Add(ResourceArgsValidation.NullItem(ResourceArgsValidation.Index(resourcesPath, i)));
                continue;
            }

            ResourceArgsValidation.ValidateLabelName(IgnoredResources[i], ResourceArgsValidation.Index(resourcesPath, i), errors);
        }

        var groupsPath = ResourceArgsValidation.Child(path, "ignoredResourceGroups");
        for (var i = 0; i < (IgnoredResourceGroups.IsDefault ? 0 : IgnoredResourceGroups.Length); i++)
        {
            var group = IgnoredResourceGroups[i];
            var groupPath = ResourceArgsValidation.Index(groupsPath, i);
            if (group is null)
            {
                errors.Add(ResourceArgsValidation.NullItem(groupPath));
                continue;
            }

            if (group.Contains('/', StringComparison.Ordinal))
            {
                errors.Add(FieldError.Invalid(groupPath, group, "resource group name can't contain '/'"));
            }

            ResourceArgsValidation.ValidateLabelName(group, groupPath, errors);
        }

        if (ScoringStrategy is { } strategy)
        {
            var strategyPath = ResourceArgsValidation.Child(path, "scoringStrategy");
            if (!ScoringStrategyType.Supported.Contains(strategy.Type, StringComparer.Ordinal))
            {
                errors.Add(FieldError.Unsupported(ResourceArgsValidation.Child(strategyPath, "type"), strategy.Type, ScoringStrategyType.Supported));
            }

            ResourceArgsValidation.ValidateResources(strategy.Resources, ResourceArgsValidation.Child(strategyPath, "resources"), errors);
            if (strategy.RequestedToCapacityRatio is { } ratio)
            {
                // Upstream reports shape problems under scoringStrategy.shape, not under requestedToCapacityRatio.
                ResourceArgsValidation.ValidateFunctionShape(ratio.Shape, ResourceArgsValidation.Child(strategyPath, "shape"), errors);
            }
        }

        return errors;
    }
}
