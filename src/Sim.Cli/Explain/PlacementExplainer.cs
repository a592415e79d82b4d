using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Kubernetes;
using Sim.Scheduling;

namespace Sim.Cli.Explain;

/// <summary>
/// Runs one scheduling cycle for a pod against a cluster, the way kube-scheduler's <c>schedulePod</c>
/// does, but keeping everything it finds: PreFilter once, the filters on every node (the real cycle
/// stops once it has enough feasible nodes), PreScore and Score over every feasible node (the real
/// cycle skips scoring when only one is feasible), the choice with the scheduler's seeded
/// tie-break, and, when nothing fits, the FitError message and what the PostFilter plugins
/// (preemption) would do.
/// </summary>
internal sealed class PlacementExplainer(PluginRegistry registry)
{
    /// <summary>The seed of the tie-breaking stream (the same stream a simulation with seed 1 uses).</summary>
    public const ulong Seed = 1;

    private const string DefaultPreemption = "DefaultPreemption";

    /// <summary>Explains where <paramref name="pod"/> would go; false with <paramref name="failure"/> when a plugin fails with an error.</summary>
    /// <exception cref="SchedulerConfigException">The profile cannot be built.</exception>
    public bool TryExplain(KubernetesObjects cluster, Pod pod, ProfileConfig profileConfig, SchedulerConfiguration config, out Explanation? explanation, out string failure)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(profileConfig);
        ArgumentNullException.ThrowIfNull(config);
        explanation = null;
        failure = string.Empty;
        var notes = new List<string>();

        profileConfig = WithoutMissingPreemption(profileConfig, notes);
        var boundPods = BoundPods(cluster, notes);
        var snapshot = Snapshot.Create(cluster.Nodes, boundPods);
        var lister = new ClusterLister(cluster.Services.Cast<Cluster.Api.ApiObject>()
            .Concat(cluster.ReplicationControllers).Concat(cluster.ReplicaSets).Concat(cluster.PodDisruptionBudgets));
        var handle = new FrameworkHandle(snapshot, lister, Seed);
        var profile = SchedulerProfile.Build(profileConfig, registry, handle);
        var podInfo = new PodInfo(pod);
        var nodes = snapshot.NodeInfos;

        var gate = profile.RunPreEnqueuePlugins(podInfo);
        if (!gate.IsSuccess)
        {
            notes.Add($"PreEnqueue: {gate.Plugin} keeps the pod out of the scheduling queue ({gate.Message}); below is what a cycle would do once it is let in.");
        }

        if (pod.Status.NominatedNodeName.Length != 0)
        {
            notes.Add($"The pod is nominated to {pod.Status.NominatedNodeName} (status.nominatedNodeName): the real cycle tries that node first and takes it if it fits.");
        }

        var state = new CycleState();
        var preFilter = profile.RunPreFilterPlugins(state, podInfo, nodes, out var preResult);
        if (!preFilter.IsSuccess && !preFilter.IsRejected)
        {
            failure = $"PreFilter failed: {preFilter.Message}";
            return false;
        }

        var absent = Status.Success;
        if (preFilter.IsSuccess && preResult is { AllNodes: false })
        {
            var restricting = RestrictingPlugins(profile, podInfo, nodes);
            absent = Status.UnschedulableAndUnresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", restricting)}]")
                .WithPlugin(string.Join(" ", restricting));
        }

        var statuses = new Status[nodes.Count];
        var feasible = new List<NodeInfo>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!preFilter.IsSuccess)
            {
                statuses[i] = preFilter;
                continue;
            }

            if (!absent.IsSuccess && !preResult!.NodeNames!.Contains(node.Name))
            {
                statuses[i] = absent;
                continue;
            }

            var status = profile.RunFilterPluginsWithNominatedPods(state, podInfo, node, handle.Nominator);
            if (!status.IsSuccess && !status.IsRejected)
            {
                failure = $"Filter failed on node {node.Name}: {status.Message}";
                return false;
            }

            statuses[i] = status;
            if (status.IsSuccess)
            {
                feasible.Add(node);
            }
        }

        var candidates = absent.IsSuccess ? nodes.Count : preResult!.NodeNames!.Count(n => snapshot.Get(n) is not null);
        var percentage = profile.PercentageOfNodesToScore ?? config.PercentageOfNodesToScore;
        var sampled = SchedulingAlgorithm.NumFeasibleNodesToFind(percentage, candidates);
        if (profile.ScorePlugins.Count == 0)
        {
            sampled = Math.Min(sampled, 1);
        }

        var scorePlugins = profile.ScorePlugins.Select(p => (p.Name, profile.WeightOf(p.Name))).ToImmutableArray();
        var verdicts = new NodeVerdict[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            verdicts[i] = statuses[i].IsSuccess
                ? new NodeVerdict(nodes[i].Name, null, null, [], null)
                : new NodeVerdict(nodes[i].Name, statuses[i].Plugin, statuses[i].Message, [], null);
        }

        var result = new Explanation
        {
            Pod = $"{pod.Metadata.Namespace}/{pod.Metadata.Name}",
            Priority = pod.Spec.Priority,
            Profile = profile.SchedulerName,
            Nodes = [.. verdicts],
            ScorePlugins = scorePlugins,
            SampledNodes = sampled,
        };

        if (feasible.Count == 0)
        {
            explanation = NoFit(result, profile, state, podInfo, nodes, statuses, preFilter, absent, notes);
            return true;
        }

        var random = new RandomStreams(Seed).Child("scheduler").For("select-host");
        var algorithm = new SchedulingAlgorithm(random, config.PercentageOfNodesToScore);
        var breakdown = new ScoreBreakdown();
        var scored = algorithm.Prioritize(profile, state, podInfo, feasible, breakdown);
        if (!scored.IsSuccess)
        {
            failure = $"Score failed: {scored.Message}";
            return false;
        }

        var totals = algorithm.Totals[..feasible.Count].ToArray();
        var best = totals.Max();
        var tied = totals.Count(t => t == best);
        string selected;
        if (profile.ScorePlugins.Count == 0)
        {
            // Without score plugins the real cycle stops at the first feasible node and takes it.
            selected = feasible[0].Name;
            tied = 1;
            notes.Add("The profile has no score plugins: the real cycle takes the first feasible node in search order.");
        }
        else
        {
            selected = tied > 1 ? algorithm.SelectHost(feasible, totals) : feasible[Array.IndexOf(totals, best)].Name;
        }
        var position = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!statuses[i].IsSuccess)
            {
                continue;
            }

            var scores = breakdown.For(nodes[i].Name);
            verdicts[i] = verdicts[i] with
            {
                Scores = [.. breakdown.Plugins.Where(scores.ContainsKey).Select(p => (p, scores[p]))],
                Total = totals[position++],
            };
        }

        var skipped = scorePlugins.Select(p => p.Name).Where(p => !breakdown.Plugins.Contains(p)).ToList();
        if (skipped.Count != 0)
        {
            notes.Add($"PreScore skipped {string.Join(", ", skipped)} for this pod: {(skipped.Count == 1 ? "it contributes" : "they contribute")} 0 to every node.");
        }

        if (feasible.Count == 1 && profile.ScorePlugins.Count != 0)
        {
            notes.Add("Only one node is feasible: the real cycle takes it without scoring; the scores are shown for information.");
        }

        if (sampled < candidates && profile.ScorePlugins.Count != 0)
        {
            var how = percentage == 0 ? "adaptive percentageOfNodesToScore" : $"percentageOfNodesToScore {percentage}";
            notes.Add($"With {candidates} nodes the real cycle stops filtering once it has found {sampled} feasible node(s) ({how}) and scores only those, " +
                "starting where the previous cycle stopped; here every node is filtered and every feasible node scored, so the real choice can differ.");
        }

        explanation = result with { Nodes = [.. verdicts], Selected = selected, TiedNodes = tied, Notes = [.. notes] };
        return true;
    }

    /// <summary>The message, and what preemption would do, when no node fits.</summary>
    private static Explanation NoFit(Explanation result, SchedulerProfile profile, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Status[] statuses, Status preFilter, Status absent, List<string> notes)
    {
        var diagnosis = new NodeToStatus { AbsentNodesStatus = absent };
        for (var i = 0; i < nodes.Count; i++)
        {
            diagnosis.Set(nodes[i].Name, statuses[i]);
        }

        var fitError = new ScheduleResult
        {
            Diagnosis = diagnosis,
            NumAllNodes = nodes.Count,
            PreFilterMessage = preFilter.IsSuccess ? string.Empty : preFilter.Message,
        };

        PreemptionOutcome? preemption = null;
        var postFilterMessage = string.Empty;
        if (nodes.Count == 0)
        {
            notes.Add("The cluster has no nodes.");
        }
        else if (!profile.HasPostFilterPlugins)
        {
            notes.Add("No PostFilter plugin is configured, so nothing is preempted: the pod waits until the cluster changes.");
        }
        else
        {
            // Preemption runs on a copy, as a dry run: the explanation must not change the cycle's state.
            var status = profile.RunPostFilterPlugins(state.Clone(), pod, diagnosis, out var nominated);
            postFilterMessage = status.Message;
            preemption = status.IsSuccess
                ? new PreemptionOutcome(status.Plugin, nominated, nominated is null ? "preemption succeeded" : $"preemption would evict pods on {nominated} and nominate it for this pod")
                : new PreemptionOutcome(status.Plugin, null, status.Code == StatusCode.Error ? $"preemption failed: {status.Message}" : $"preemption cannot help: {status.Message}");
        }

        var message = nodes.Count == 0 ? "no nodes available to schedule pods" : fitError.FitErrorMessage(postFilterMessage);
        return result with { Message = message, Preemption = preemption, Notes = [.. notes] };
    }

    /// <summary>The bound pods the scheduler's cache holds: on a known node and not finished.</summary>
    private static List<Pod> BoundPods(KubernetesObjects cluster, List<string> notes)
    {
        var nodes = cluster.Nodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var pods = new List<Pod>();
        var unbound = 0;
        var finished = 0;
        foreach (var pod in cluster.Pods)
        {
            if (!pod.IsBound)
            {
                unbound++;
            }
            else if (pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed)
            {
                finished++;
            }
            else if (!nodes.Contains(pod.Spec.NodeName))
            {
                notes.Add($"Pod {pod.Metadata.Namespace}/{pod.Metadata.Name} is bound to {pod.Spec.NodeName}, which is not in the cluster: ignored.");
            }
            else
            {
                pods.Add(pod);
            }
        }

        if (unbound != 0)
        {
            notes.Add($"{unbound} pod(s) in the cluster file have no spec.nodeName: only bound pods take room; ignored.");
        }

        if (finished != 0)
        {
            notes.Add($"{finished} finished pod(s) (Succeeded or Failed) hold no resources: ignored, as the scheduler's cache ignores them.");
        }

        return pods;
    }

    /// <summary>
    /// DefaultPreemption is part of the default profile; while it is not registered, a profile that
    /// does not name it explicitly is built without it and the explanation says so.
    /// </summary>
    private ProfileConfig WithoutMissingPreemption(ProfileConfig profile, List<string> notes)
    {
        if (registry.Contains(DefaultPreemption) || profile.Plugins.ByPoint().Any(p => p.Set.Enabled.Any(e => e.Name == DefaultPreemption)))
        {
            return profile;
        }

        var multiPoint = profile.Plugins.MultiPoint;
        if (multiPoint.Disabled.Contains("*") || multiPoint.Disabled.Contains(DefaultPreemption))
        {
            return profile;
        }

        notes.Add("DefaultPreemption is not available in this build: preemption is not evaluated.");
        return profile with { Plugins = profile.Plugins with { MultiPoint = multiPoint with { Disabled = multiPoint.Disabled.Add(DefaultPreemption) } } };
    }

    /// <summary>The PreFilter plugins that restrict the nodes (upstream's <c>pluginsWithNodes</c>), found by asking each on a fresh state.</summary>
    private static List<string> RestrictingPlugins(SchedulerProfile profile, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var names = new List<string>();
        var preFilters = profile.Describe().First(p => p.Point == "PreFilter").Plugins;
        foreach (var name in preFilters)
        {
            if (profile.Plugins[name] is IPreFilterPlugin plugin
                && plugin.PreFilter(new CycleState(), pod, nodes, out var result).IsSuccess
                && result is { AllNodes: false })
            {
                names.Add(name);
            }
        }

        return names;
    }
}
