using Sim.Cluster.Labels;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Scheduling.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// Favours nodes whose resources would be used evenly with the pod on them: the score falls with the
/// standard deviation of the used fractions of the configured resources (cpu and memory by default).
/// </summary>
/// <remarks>
/// Upstream: <c>pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go</c> (v1.34
/// semantics). PreScore skips pods that request none of the resources (best-effort pods), so that they
/// are not all drawn to the same node (kubernetes/kubernetes#129138).
/// </remarks>
public sealed class NodeResourcesBalancedAllocation : IPreScorePlugin, IBatchScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesBalancedAllocation";

    private static readonly StateKey<PodResourceRequests> PreScoreKey = new("PreScore" + PluginName);

    private readonly BalancedAllocationScorer _scorer;
    private readonly LastPodResourceRequests _requests;

    /// <summary>Creates the plugin (upstream's <c>NewBalancedAllocation</c>): the args are validated as given.</summary>
    /// <exception cref="SchedulerConfigException">When the args are invalid.</exception>
    public NodeResourcesBalancedAllocation(NodeResourcesBalancedAllocationArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = args.Validate(string.Empty);
        if (errors.Count != 0)
        {
            throw new SchedulerConfigException($"initializing plugin \"{PluginName}\": {FieldError.Join(errors)}");
        }

        _scorer = new BalancedAllocationScorer(args.Resources.IsDefault ? [] : args.Resources);
        _requests = new LastPodResourceRequests(_scorer);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>Computes the pod's requests once for Score; Skip for a pod that requests none of the resources.</summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        var requests = _requests.For(pod);
        if (ResourceAllocationScorer.IsBestEffortPod(requests.Values))
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, requests);
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        var requests = state.Read(PreScoreKey)?.Values;
        if (requests is null)
        {
            requests = _scorer.CalculatePodResourceRequestList(pod);
            if (ResourceAllocationScorer.IsBestEffortPod(requests))
            {
                return 0;
            }
        }

        return _scorer.Score(node, requests);
    }

    /// <inheritdoc />
    public void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey)?.Values is { } requests)
        {
            _scorer.ScoreNodes(nodes, requests, scores);
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = Score(state, pod, nodes[i]);
        }
    }
}
