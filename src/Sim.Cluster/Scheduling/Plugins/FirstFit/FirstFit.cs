namespace Sim.Scheduling.Plugins.FirstFit;

/// <summary>
/// First Fit: prefers the first feasible node in a fixed order, the nodes' names in ordinal
/// (byte-wise) order, so <c>node-10</c> comes before <c>node-2</c>; zero-pad numbered names to make
/// the order numeric. Not an upstream plugin: part of the policy catalogue (<see cref="Policies.PolicyCatalogue"/>).
/// </summary>
/// <remarks>
/// <para>
/// Score gives every node 0; NormalizeScore gives 100 to the node whose name is the smallest among the
/// scored nodes and leaves the others at 0. The scored nodes are the feasible nodes the filter pass
/// found: with <c>percentageOfNodesToScore</c> below 100 on a cluster of 100 nodes or more that is a
/// sample starting at a rotating index, and the first of a sample is not the first feasible node of
/// the cluster. The <c>first-fit</c> policy therefore sets <c>percentageOfNodesToScore: 100</c>.
/// </para>
/// <para>
/// With one feasible node the scheduler takes it without scoring, which is the same choice.
/// </para>
/// </remarks>
public sealed class FirstFit : IScorePlugin, IScoreExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "FirstFit";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) => 0;

    /// <inheritdoc />
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        if (scores.IsEmpty)
        {
            return Status.Success;
        }

        var first = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (string.CompareOrdinal(scores[i].Name, scores[first].Name) < 0)
            {
                first = i;
            }
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i].Score = i == first ? Helper.NormalizeScore.MaxNodeScore : 0;
        }

        return Status.Success;
    }
}
