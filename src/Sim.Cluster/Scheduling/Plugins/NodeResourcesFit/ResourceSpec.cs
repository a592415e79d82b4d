using System.Collections.Immutable;
using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>A resource a score plugin looks at, with its weight (upstream's <c>ResourceSpec</c>).</summary>
/// <param name="Name">The resource name, e.g. <c>cpu</c> or <c>nvidia.com/gpu</c>.</param>
/// <param name="Weight">Its weight (1..100; a 0 in a config becomes 1).</param>
public sealed record ResourceSpec(string Name, long Weight = 1)
{
    /// <summary>The default resources of both NodeResourcesFit and NodeResourcesBalancedAllocation: cpu and memory, weight 1.</summary>
    public static ImmutableArray<ResourceSpec> Defaults { get; } = [new(ResourceNames.Cpu, 1), new(ResourceNames.Memory, 1)];

    /// <summary>Upstream's v1 defaulting of a resource list: an empty list becomes <see cref="Defaults"/>, a weight of 0 becomes 1.</summary>
    internal static ImmutableArray<ResourceSpec> WithDefaults(ImmutableArray<ResourceSpec> resources)
    {
        if (resources.IsDefaultOrEmpty)
        {
            return Defaults;
        }

        var result = resources;
        for (var i = 0; i < resources.Length; i++)
        {
            if (resources[i].Weight == 0)
            {
                result = result.SetItem(i, resources[i] with { Weight = 1 });
            }
        }

        return result;
    }
}
