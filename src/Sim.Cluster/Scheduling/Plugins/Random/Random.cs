using Sim.Engine.Randomness;

namespace Sim.Scheduling.Plugins.Random;

/// <summary>
/// Random placement: every node gets a score drawn uniformly from 0..100, so with this plugin alone
/// each feasible node is equally likely to be chosen (the scheduler breaks ties uniformly). Not an
/// upstream plugin: part of the policy catalogue (<see cref="Policies.PolicyCatalogue"/>).
/// </summary>
/// <remarks>
/// The draws come from the handle's stream <c>scheduler/Random</c> (<see cref="IFrameworkHandle.RandomFor"/>),
/// so a run is reproducible from its seed and independent of every other stream. Two profiles that
/// both enable the plugin in one scheduler draw from equal streams.
/// </remarks>
public sealed class Random : IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "Random";

    private readonly SimRandom _random;

    /// <summary>A plugin drawing from <paramref name="handle"/>'s stream for <see cref="PluginName"/>.</summary>
    public Random(IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _random = handle.RandomFor(PluginName);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) => _random.Next(0, (int)Helper.NormalizeScore.MaxNodeScore + 1);
}
