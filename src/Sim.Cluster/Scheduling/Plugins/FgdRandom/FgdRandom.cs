using Sim.Engine.Randomness;

namespace Sim.Scheduling.Plugins.FgdRandom;

/// <summary>
/// The FGD paper's Random baseline (the FGD simulator's <c>random_score.go</c>): PreScore draws one of the
/// feasible nodes uniformly and Score gives it 100, every other node 0. Not an upstream kube-scheduler
/// plugin; registered by <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// The draw comes from the handle's stream <c>scheduler/FgdRandom</c>, one draw per scheduling cycle that
/// scores (with a single feasible node the scheduler takes it without scoring). The catalogue's
/// <see cref="Random.Random"/> also chooses uniformly, but with a draw per node.
/// </remarks>
public sealed class FgdRandom : IPreScorePlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "FgdRandom";

    private static readonly StateKey<Chosen> Key = new("PreScore" + PluginName);

    private readonly SimRandom _random;

    /// <summary>A plugin drawing from <paramref name="handle"/>'s stream for <see cref="PluginName"/>.</summary>
    public FgdRandom(IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _random = handle.RandomFor(PluginName);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return Status.Skip;
        }

        state.Write(Key, new Chosen(nodes[_random.Next(nodes.Count)]));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Read(Key) is { } chosen && ReferenceEquals(chosen.Node, node) ? Helper.NormalizeScore.MaxNodeScore : 0;
    }

    private sealed class Chosen(NodeInfo node) : IStateData
    {
        public NodeInfo Node { get; } = node;

        public IStateData Clone() => this;
    }
}
