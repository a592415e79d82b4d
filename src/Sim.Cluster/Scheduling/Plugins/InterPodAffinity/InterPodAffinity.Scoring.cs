using System.Collections.Immutable;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>PreScore, Score and NormalizeScore (upstream's <c>scoring.go</c>).</summary>
public sealed partial class InterPodAffinity
{
    private const string PreScoreStateKeyName = "PreScore" + PluginName;

    // Upstream: fmt.Errorf("failed to read %q from cycleState: %w", preScoreStateKey, framework.ErrNotFound).
    private const string ErrPreScoreStateNotFound = "failed to read \"" + PreScoreStateKeyName + "\" from cycleState: not found";

    private const long MaxNodeScore = 100;

    private static readonly StateKey<PreScoreState> PreScoreKey = new(PreScoreStateKeyName);

    /// <inheritdoc />
    /// <remarks>
    /// Sums, per topology key and value, the weights of the terms that match between the incoming pod and
    /// each existing pod on a node with that label: the incoming pod's preferred terms (+ affinity,
    /// − anti-affinity), existing pods' required affinity terms (+ <c>hardPodAffinityWeight</c>) and their
    /// preferred terms. Without preferred terms of its own, only nodes and pods with affinity are looked at.
    /// Skips when nothing matched, or when <c>ignorePreferredTermsOfExistingPods</c> is set and the pod has
    /// no preferred terms. The sums come from the plugin's index (the pods matching each of the pod's
    /// preferred terms per domain, and the placed pods' terms grouped by value), not from a pass over the pods.
    /// </remarks>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var hasConstraints = pod.PreferredAffinityTerms.Length != 0 || pod.PreferredAntiAffinityTerms.Length != 0;
        if (_args.IgnorePreferredTermsOfExistingPods && !hasConstraints)
        {
            return Status.Skip;
        }

        if (!Recount)
        {
            return PreScoreFromIndex(state, pod, hasConstraints);
        }

        // Upstream scores from every node in the snapshot, not only the feasible ones it is given.
        var allNodes = hasConstraints ? _handle.Snapshot.NodeInfos : _handle.Snapshot.HavePodsWithAffinity;
        PreScoreState? scores = null;
        for (var i = 0; i < allNodes.Count; i++)
        {
            var node = allNodes[i];
            var labels = node.Node.Metadata.Labels;
            if (labels.Count == 0)
            {
                continue;
            }

            var podsToProcess = hasConstraints ? node.Pods : node.PodsWithAffinity;
            for (var j = 0; j < podsToProcess.Count; j++)
            {
                ProcessExistingPod(ref scores, pod, podsToProcess[j], labels);
            }
        }

        if (scores is null || scores.IsEmpty)
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, scores);
        return Status.Success;
    }

    /// <inheritdoc />
    /// <remarks>Positive for affinity, negative for anti-affinity; normalized later. Allocates nothing.</remarks>
    /// <exception cref="InvalidOperationException">When PreScore did not run (or skipped) for this cycle.</exception>
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        var scores = state.Read(PreScoreKey) ?? throw new InvalidOperationException(ErrPreScoreStateNotFound);
        return scores.Score(node.Node.Metadata.Labels);
    }

    /// <inheritdoc />
    /// <remarks>Min-max: <c>int64(100 × float64(s − min) / float64(max − min))</c>, or 0 for all when max = min.</remarks>
    public Status NormalizeScore(CycleState state, PodInfo pod, Span<NodeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read(PreScoreKey) is not { } s)
        {
            return Status.Error(ErrPreScoreStateNotFound);
        }

        if (s.IsEmpty)
        {
            return Status.Success;
        }

        var minCount = long.MaxValue;
        var maxCount = long.MinValue;
        foreach (ref readonly var score in scores)
        {
            maxCount = Math.Max(maxCount, score.Score);
            minCount = Math.Min(minCount, score.Score);
        }

        var maxMinDiff = maxCount - minCount;
        foreach (ref var score in scores)
        {
            var fScore = 0.0;
            if (maxMinDiff > 0)
            {
                fScore = MaxNodeScore * ((double)(score.Score - minCount) / maxMinDiff);
            }

            score.Score = (long)fScore;
        }

        return Status.Success;
    }

    // PreScore's sums from the index: the same pairs, each summed over the pods and terms that match.
    private Status PreScoreFromIndex(CycleState state, PodInfo pod, bool hasConstraints)
    {
        _index.Bind(_handle.Snapshot);
        PreScoreState? scores = null;
        if (hasConstraints)
        {
            // The incoming pod's preferred terms, over every placed pod that matches them.
            foreach (var term in pod.PreferredAffinityTerms)
            {
                var counts = _index.Matching(PodMatcher.ForTerm(term.Term)).Domains(DomainSpec.Of(term.Term.TopologyKey));
                PreScoreState.AddAll(ref scores, term.Term.TopologyKey, counts, term.Weight);
            }

            foreach (var term in pod.PreferredAntiAffinityTerms)
            {
                var counts = _index.Matching(PodMatcher.ForTerm(term.Term)).Domains(DomainSpec.Of(term.Term.TopologyKey));
                PreScoreState.AddAll(ref scores, term.Term.TopologyKey, counts, -term.Weight);
            }
        }

        // The placed pods' terms that the incoming pod matches.
        var hardWeight = _args.HardPodAffinityWeight;
        if (hardWeight > 0)
        {
            foreach (var group in _index.Groups(TermKind.RequiredAffinity))
            {
                if (group.Counts.Count != 0 && group.Term.Matches(pod.Pod))
                {
                    PreScoreState.AddAll(ref scores, group.Key, group.Counts, hardWeight);
                }
            }
        }

        foreach (var group in _index.Groups(TermKind.PreferredAffinity))
        {
            if (group.Weights.Count != 0 && group.Term.Matches(pod.Pod))
            {
                PreScoreState.AddAll(ref scores, group.Key, group.Weights, 1);
            }
        }

        foreach (var group in _index.Groups(TermKind.PreferredAntiAffinity))
        {
            if (group.Weights.Count != 0 && group.Term.Matches(pod.Pod))
            {
                PreScoreState.AddAll(ref scores, group.Key, group.Weights, -1);
            }
        }

        if (scores is null || scores.IsEmpty)
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, scores);
        return Status.Success;
    }

    // Upstream's processExistingPod.
    private void ProcessExistingPod(ref PreScoreState? scores, PodInfo incoming, PodInfo existing, ImmutableSortedDictionary<string, string> nodeLabels)
    {
        var hardWeight = _args.HardPodAffinityWeight;
        if (incoming.PreferredAffinityTerms.IsEmpty && incoming.PreferredAntiAffinityTerms.IsEmpty
            && (hardWeight <= 0 || existing.RequiredAffinityTerms.IsEmpty)
            && existing.PreferredAffinityTerms.IsEmpty && existing.PreferredAntiAffinityTerms.IsEmpty)
        {
            return;
        }

        scores ??= new PreScoreState();

        // The incoming pod's preferred terms that the existing pod matches: +weight for affinity, -weight for anti-affinity.
        scores.ProcessTerms(incoming.PreferredAffinityTerms, existing.Pod, nodeLabels, 1);
        scores.ProcessTerms(incoming.PreferredAntiAffinityTerms, existing.Pod, nodeLabels, -1);

        // The existing pod's required affinity terms that the incoming pod matches: +hardPodAffinityWeight.
        if (hardWeight > 0)
        {
            foreach (var term in existing.RequiredAffinityTerms)
            {
                scores.ProcessTerm(term, hardWeight, incoming.Pod, nodeLabels, 1);
            }
        }

        // The existing pod's preferred terms that the incoming pod matches.
        scores.ProcessTerms(existing.PreferredAffinityTerms, incoming.Pod, nodeLabels, 1);
        scores.ProcessTerms(existing.PreferredAntiAffinityTerms, incoming.Pod, nodeLabels, -1);
    }
}
