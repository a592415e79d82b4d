namespace Sim.Scheduling.Plugins;

/// <summary>
/// The plugins of the policy catalogue (<see cref="Policies.PolicyCatalogue"/>): classic placement
/// heuristics and the GPU-sharing plugins of the FGD paper that are not kube-scheduler plugins. They are
/// kept out of <see cref="InTreePlugins"/>, so <see cref="PluginRegistry.CreateDefault"/> stays upstream's set.
/// </summary>
public static class CataloguePlugins
{
    /// <summary>
    /// Registers <c>Random</c>, <c>FirstFit</c>, <c>BestFit</c>, <c>WorstFit</c>, <c>DotProduct</c>, and the GPU
    /// plugins <c>OpenGpuShare</c>, <c>FgdRandom</c>, <c>DotProd</c>, <c>GpuClustering</c>, <c>GpuPacking</c>,
    /// <c>GpuBestFit</c> and <c>Fgd</c> in <paramref name="registry"/>.
    /// </summary>
    public static PluginRegistry RegisterAll(PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register(Random.Random.PluginName, (_, handle) => new Random.Random(handle))
            .Register(FirstFit.FirstFit.PluginName, (_, _) => new FirstFit.FirstFit())
            .Register(BestFit.BestFit.PluginName, (_, _) => new BestFit.BestFit())
            .Register(WorstFit.WorstFit.PluginName, (_, _) => new WorstFit.WorstFit())
            .Register(DotProduct.DotProduct.PluginName, (_, _) => new DotProduct.DotProduct())
            .Register<OpenGpuShare.OpenGpuShareArgs>(OpenGpuShare.OpenGpuShare.PluginName, (args, handle) => new OpenGpuShare.OpenGpuShare(args ?? new(), handle))
            .Register(FgdRandom.FgdRandom.PluginName, (_, handle) => new FgdRandom.FgdRandom(handle))
            .Register(DotProd.DotProd.PluginName, (_, _) => new DotProd.DotProd())
            .Register(GpuClustering.GpuClustering.PluginName, (_, _) => new GpuClustering.GpuClustering())
            .Register(GpuPacking.GpuPacking.PluginName, (_, _) => new GpuPacking.GpuPacking())
            .Register(GpuBestFit.GpuBestFit.PluginName, (_, _) => new GpuBestFit.GpuBestFit())
            .Register<Fgd.FgdArgs>(Fgd.Fgd.PluginName, (args, _) => new Fgd.Fgd(args ?? new()));
    }
}
