using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;
using Sim.Scheduling.Plugins.Fgd;
using Sim.Scheduling.Policies;

namespace Sim.Experiments.Fill;

/// <summary>
/// The FGD paper's "fill the cluster" experiment (fgd-method.md §3): pods arrive one at a time, nothing
/// leaves, there is no time; each is scheduled through a profile on a snapshot of the nodes and either
/// placed (its GPU devices chosen at Reserve) or dropped as failed. After every arrival the allocated,
/// arrived and fragmented GPU are recorded, then averaged per arrived-percentage bucket.
/// </summary>
/// <remarks>
/// <para>
/// Preparation: the pods are sorted by name, FGD's typical pods (the target workload M) taken from them,
/// then they are shuffled and inflated with clones to <see cref="FillOptions.TargetRatio"/> of the GPU
/// capacity; the nodes get random-permutation names that set the search order. A profile with the
/// <c>Fgd</c> plugin and no typical pods of its own gets M.
/// </para>
/// <para>
/// Each arrival runs the scheduling cycle as the scheduler does (<see cref="SchedulingAlgorithm"/>: the
/// filters, PreScore, Score, normalization, the best node with seeded uniform tie-breaking), assumes the
/// pod on the node and runs Reserve (where <c>OpenGpuShare</c> picks the devices); there is no API server,
/// so binding is the pod staying in the snapshot. A pod no node takes, or whose Reserve fails, is
/// dropped and counts as failed (and as arrived). Randomness: the streams <c>fill/shuffle</c>,
/// <c>fill/inflate</c>, <c>fill/node-names</c>, <c>scheduler/select-host</c> and the plugins' own of the seed.
/// </para>
/// </remarks>
public static class FillExperiment
{
    /// <summary>Runs <paramref name="policy"/> (a catalogue policy, with the catalogue's registry).</summary>
    public static FillResult Run(IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, Policy policy, FillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Run(nodes, pods, policy.Configuration(), PolicyCatalogue.CreateRegistry(), options);
    }

    /// <summary>Runs the one profile of <paramref name="configuration"/>, built from <paramref name="registry"/>.</summary>
    /// <exception cref="ArgumentException">When the configuration has not exactly one profile, or node or pod names repeat.</exception>
    public static FillResult Run(IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, SchedulerConfiguration configuration, PluginRegistry registry, FillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new FillOptions();
        if (configuration.Profiles.Length != 1)
        {
            throw new ArgumentException($"a fill run takes one profile, got {configuration.Profiles.Length}", nameof(configuration));
        }

        RequireUnique(nodes.Select(n => n.Metadata.Name), "node", nameof(nodes));
        RequireUnique(pods.Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"), "pod", nameof(pods));
        var streams = new RandomStreams(options.Seed).Child("fill");
        var workload = pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToArray();
        var typical = TypicalPods.FromPods(workload, options.PopularityThreshold);
        long capacity = 0;
        foreach (var node in nodes)
        {
            capacity += (long)GpuNode.DeviceCount(node) * GpuAnnotations.MilliPerGpu;
        }

        var arrivals = FillWorkload.Arrivals(workload, capacity, options, streams);
        var ordered = FillWorkload.Nodes(nodes, options, streams);
        var snapshot = new Snapshot();
        var original = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, name) in ordered)
        {
            snapshot.AddNode(node);
            original[node.Metadata.Name] = name;
        }

        var profile = SchedulerProfile.Build(WithTypicalPods(configuration.Profiles[0], registry, typical), registry, new FrameworkHandle(snapshot, seed: options.Seed));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(options.Seed).Child("scheduler").For("select-host"), configuration.PercentageOfNodesToScore);
        var fragmentation = new ClusterFragmentation(snapshot, typical);
        var initialFragmentation = fragmentation.Total;
        var records = ImmutableArray.CreateBuilder<FillArrival>(arrivals.Count);
        var feasible = new List<NodeInfo>(snapshot.NumNodes);
        long arrived = 0, used = 0;
        var failed = 0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            var pod = Prepare(arrivals[i], i);
            var request = GpuRequest.Of(pod).TotalMilli;
            arrived += request;
            var host = Place(profile, algorithm, snapshot, pod, options.TieBreaking, feasible);
            string devices = string.Empty;
            if (host is null)
            {
                failed++;
            }
            else
            {
                used += request;
                fragmentation.Update(host);
                devices = snapshot.GetPod(pod.Key)!.Pod.Metadata.Annotations.GetValueOrDefault(GpuAnnotations.DeviceIndex) ?? string.Empty;
            }

            records.Add(new FillArrival(i, pod.Metadata.Name, host is null ? null : original[host], devices, arrived, used, fragmentation.Total, failed));
        }

        var all = records.MoveToImmutable();
        return new FillResult(capacity, initialFragmentation, pods.Count, typical, [.. ordered.Select(o => o.Original)], all, FillBuckets.Of(all, capacity, options.MaxArrivedPct));
    }

    /// <summary>Schedules, assumes and reserves <paramref name="pod"/>; the node, or null when it fails (and is left out of the snapshot).</summary>
    private static string? Place(SchedulerProfile profile, SchedulingAlgorithm algorithm, Snapshot snapshot, Pod pod, FillTieBreaking tieBreaking, List<NodeInfo> feasible)
    {
        var state = new CycleState();
        var info = new PodInfo(pod);
        var host = tieBreaking == FillTieBreaking.Uniform
            ? Uniform(profile, algorithm, state, info, snapshot, feasible)
            : FirstBest(profile, algorithm, state, info, snapshot, feasible);
        if (host is null)
        {
            return null;
        }

        var assumed = info.AssumedOn(host);
        snapshot.AddPod(assumed, host);
        if (!profile.RunReservePlugins(state, assumed, host).IsSuccess)
        {
            snapshot.RemovePod(pod.Key);
            return null;
        }

        return host;
    }

    /// <summary>
    /// The scheduling cycle exactly as <see cref="SchedulingAlgorithm.Schedule"/> runs it without a
    /// nominator (the same plugin calls in the same order, the same search window and start index, the
    /// same tie-breaking draws), less what only a failure report needs: the per-node diagnosis, the
    /// rejecting plugins and the result object, which cost more than the filters themselves when most
    /// nodes are full.
    /// </summary>
    private static string? Uniform(SchedulerProfile profile, SchedulingAlgorithm algorithm, CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible)
    {
        var allNodes = snapshot.NodeInfos;
        if (allNodes.Count == 0 || !profile.RunPreFilterPlugins(state, pod, allNodes, out var allowed).IsSuccess)
        {
            return null;
        }

        var nominated = pod.Pod.Status.NominatedNodeName;
        if (nominated.Length != 0 && snapshot.Get(nominated) is { } nominatedNode
            && (allowed is null || allowed.AllNodes || allowed.NodeNames!.Contains(nominated))
            && profile.RunFilterPlugins(state, pod, nominatedNode).IsSuccess)
        {
            return nominated;
        }

        // The nodes as a span: the snapshot's list is an array, a PreFilter's node set a list.
        ReadOnlySpan<NodeInfo> nodes = allNodes as NodeInfo[] ?? [.. allNodes];
        if (allowed is { AllNodes: false })
        {
            var restricted = new List<NodeInfo>(allowed.NodeNames!.Count);
            foreach (var name in allowed.NodeNames!.Order(StringComparer.Ordinal))
            {
                if (snapshot.Get(name) is { } info)
                {
                    restricted.Add(info);
                }
            }

            nodes = CollectionsMarshal.AsSpan(restricted);
        }

        var numAll = nodes.Length;
        var toFind = SchedulingAlgorithm.NumFeasibleNodesToFind(profile.PercentageOfNodesToScore ?? algorithm.PercentageOfNodesToScore, numAll);
        if (profile.ScorePlugins.Count == 0)
        {
            toFind = Math.Min(toFind, 1);
        }

        feasible.Clear();
        var start = algorithm.NextStartNodeIndex;
        var processed = 0;
        if (profile.FilterPlugins.Count == 0)
        {
            for (var i = 0; i < toFind; i++)
            {
                feasible.Add(nodes[(start + i) % numAll]);
            }

            processed = toFind;
        }
        else
        {
            // nodes[(start + i) % numAll] for i = 0, 1, …, without a division per node.
            for (int i = 0, k = numAll == 0 ? 0 : start % numAll; i < numAll && feasible.Count < toFind; i++, k = k + 1 == numAll ? 0 : k + 1)
            {
                var node = nodes[k];
                if (profile.RunFilterPlugins(state, pod, node).IsSuccess)
                {
                    feasible.Add(node);
                }

                processed++;
            }
        }

        if (numAll != 0)
        {
            algorithm.NextStartNodeIndex = (start + processed) % numAll;
        }

        if (feasible.Count <= 1)
        {
            return feasible.Count == 0 ? null : feasible[0].Name;
        }

        return algorithm.Prioritize(profile, state, pod, feasible, null).IsSuccess ? algorithm.SelectHost(feasible, algorithm.Totals) : null;
    }

    /// <summary>
    /// The scheduling cycle with ties going to the first best node in search order: PreFilter, every node
    /// through the filters, then (with more than one feasible node) PreScore, Score and normalization by
    /// the scheduler's <see cref="SchedulingAlgorithm.Prioritize"/>.
    /// </summary>
    private static string? FirstBest(SchedulerProfile profile, SchedulingAlgorithm algorithm, CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible)
    {
        var nodes = snapshot.NodeInfos;
        if (!profile.RunPreFilterPlugins(state, pod, nodes, out var allowed).IsSuccess)
        {
            return null;
        }

        feasible.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if ((allowed is null || allowed.AllNodes || allowed.NodeNames!.Contains(node.Name)) && profile.RunFilterPlugins(state, pod, node).IsSuccess)
            {
                feasible.Add(node);
            }
        }

        if (feasible.Count <= 1)
        {
            return feasible.Count == 0 ? null : feasible[0].Name;
        }

        if (!algorithm.Prioritize(profile, state, pod, feasible, null).IsSuccess)
        {
            return null;
        }

        var totals = algorithm.Totals;
        var best = 0;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (totals[i] > totals[best])
            {
                best = i;
            }
        }

        return feasible[best].Name;
    }

    /// <summary>The arriving pod with a unique uid and a namespace.</summary>
    private static Pod Prepare(Pod pod, int index) => pod with
    {
        Metadata = pod.Metadata with
        {
            Uid = index + 1,
            Namespace = pod.Metadata.Namespace.Length == 0 ? "default" : pod.Metadata.Namespace,
        },
    };

    /// <summary>The profile with M in the <c>Fgd</c> plugin's args, unless they give typical pods of their own.</summary>
    private static ProfileConfig WithTypicalPods(ProfileConfig profile, PluginRegistry registry, ImmutableArray<TypicalPod> typical)
    {
        if (typical.IsEmpty || registry.ArgsType(Fgd.PluginName) != typeof(FgdArgs))
        {
            return profile;
        }

        var args = profile.PluginConfig.GetValueOrDefault(Fgd.PluginName) as FgdArgs ?? new FgdArgs();
        return args.TypicalPods.IsDefaultOrEmpty
            ? profile with { PluginConfig = profile.PluginConfig.SetItem(Fgd.PluginName, args with { TypicalPods = typical }) }
            : profile;
    }

    private static void RequireUnique(IEnumerable<string> names, string what, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"two {what}s are named \"{name}\"", parameter);
            }
        }
    }
}
