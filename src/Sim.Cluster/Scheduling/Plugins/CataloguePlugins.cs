namespace Sim.Scheduling.Plugins;

/// <summary>
/// The score plugins of the policy catalogue (<see cref="Policies.PolicyCatalogue"/>): classic placement
/// heuristics that are not kube-scheduler plugins. They are kept out of <see cref="InTreePlugins"/>, so
/// <see cref="PluginRegistry.CreateDefault"/> stays upstream's set.
/// </summary>
public static class CataloguePlugins
{
    /// <summary>Registers <c>Random</c>, <c>FirstFit</c>, <c>BestFit</c>, <c>WorstFit</c> and <c>DotProduct</c> in <paramref name="registry"/>.</summary>
    public static PluginRegistry RegisterAll(PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register(Random.Random.PluginName, (_, handle) => new Random.Random(handle))
            .Register(FirstFit.FirstFit.PluginName, (_, _) => new FirstFit.FirstFit())
            .Register(BestFit.BestFit.PluginName, (_, _) => new BestFit.BestFit())
            .Register(WorstFit.WorstFit.PluginName, (_, _) => new WorstFit.WorstFit())
            .Register(DotProduct.DotProduct.PluginName, (_, _) => new DotProduct.DotProduct());
    }
}
