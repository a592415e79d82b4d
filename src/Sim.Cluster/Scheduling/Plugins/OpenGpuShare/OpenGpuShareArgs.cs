namespace Sim.Scheduling.Plugins.OpenGpuShare;

/// <summary>
/// The args of <see cref="OpenGpuShare"/> (the FGD simulator's <c>OpenGpuSharePluginCfg</c>): how the
/// devices of a pod are chosen on its node at Reserve (YAML field <c>gpuSelMethod</c>, the simulator's
/// <c>-gpusel</c>).
/// </summary>
public sealed record OpenGpuShareArgs
{
    /// <summary>A share on the tightest device that holds it (the default).</summary>
    public const string BestFit = "best";

    /// <summary>A share on the roomiest device.</summary>
    public const string WorstFit = "worst";

    /// <summary>A share on a device drawn uniformly from those that hold it.</summary>
    public const string Random = "random";

    /// <summary>
    /// <see cref="BestFit"/>, <see cref="WorstFit"/>, <see cref="Random"/>, or the name of a plugin of the
    /// profile that implements <see cref="Gpu.IGpuDeviceSelector"/> (e.g. <c>Fgd</c>). Whole GPUs go to the
    /// lowest-numbered idle devices under the first three.
    /// </summary>
    public string GpuSelMethod { get; init; } = BestFit;

    /// <summary>The problems of these args, each as a field error under <paramref name="path"/> (empty for the args themselves).</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var field = path.Length == 0 ? "gpuSelMethod" : path + ".gpuSelMethod";
        return string.IsNullOrEmpty(GpuSelMethod) ? [$"{field}: Required value: {BestFit}, {WorstFit}, {Random} or the name of a GPU device-selecting plugin"] : [];
    }
}
