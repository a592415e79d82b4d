using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// The args of NodeResourcesBalancedAllocation (upstream's <c>NodeResourcesBalancedAllocationArgs</c>,
/// <c>kubescheduler.config.k8s.io/v1</c>): the resources whose usage is balanced (YAML field <c>resources</c>).
/// </summary>
public sealed record NodeResourcesBalancedAllocationArgs
{
    /// <summary>The resources, each with weight 1; defaults to cpu and memory.</summary>
    public ImmutableArray<ResourceSpec> Resources { get; init; } = ResourceSpec.Defaults;

    /// <summary>
    /// These args with upstream's v1 defaulting applied (<c>SetDefaults_NodeResourcesBalancedAllocationArgs</c>):
    /// an empty list becomes cpu and memory, a weight of 0 becomes 1.
    /// </summary>
    public NodeResourcesBalancedAllocationArgs WithDefaults() => this with { Resources = ResourceSpec.WithDefaults(Resources) };

    /// <summary>
    /// Upstream's <c>ValidateNodeResourcesBalancedAllocationArgs</c>: no resource twice, every weight 1;
    /// each problem as a field error under <paramref name="path"/> (empty for the args themselves).
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        if (Resources.IsDefault)
        {
            return errors;
        }

        var resourcesPath = ResourceArgsValidation.Child(path, "resources");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Resources.Length; i++)
        {
            var resource = Resources[i];
            var resourcePath = ResourceArgsValidation.Index(resourcesPath, i);
            if (resource?.Name is null)
            {
                errors.Add(resource is null ? ResourceArgsValidation.NullItem(resourcePath) : FieldError.Required(ResourceArgsValidation.Child(resourcePath, "name"), "a resource name"));
                continue;
            }

            if (!seen.Add(resource.Name))
            {
                errors.Add(ResourceArgsValidation.Duplicate(ResourceArgsValidation.Child(resourcePath, "name"), resource.Name));
            }

            if (resource.Weight != 1)
            {
                errors.Add(ResourceArgsValidation.Invalid(ResourceArgsValidation.Child(resourcePath, "weight"), resource.Weight, "must be 1"));
            }
        }

        return errors;
    }
}
