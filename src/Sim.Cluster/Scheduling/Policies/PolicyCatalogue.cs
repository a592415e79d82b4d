using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Scheduling.Plugins;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using Sim.Scheduling.Plugins.PodTopologySpread;

namespace Sim.Scheduling.Policies;

/// <summary>
/// The built-in scheduling policies: kube-scheduler profiles (the default, bin packing, spreading) and
/// classic placement heuristics (random, first fit, best fit, worst fit, Tetris's dot product). Each is
/// a <see cref="SchedulerConfiguration"/> to run with <see cref="CreateRegistry"/>'s plugins.
/// </summary>
/// <remarks>
/// The heuristic policies keep the default profile's filters, queue sort, preemption and binder and
/// replace every score plugin by the heuristic alone (<c>preScore</c> and <c>score</c> both
/// <c>disabled: ["*"]</c>), so a comparison with them is about the heuristic. docs/policies.md has each
/// policy's profile as YAML and the formulas.
/// </remarks>
/// <example>
/// <code>
/// PolicyCatalogue.TryGet("best-fit", out var policy);
/// var cluster = new SimulatedCluster(seed: 1, scheduler: policy.Configuration(), plugins: PolicyCatalogue.CreateRegistry());
/// </code>
/// </example>
public static class PolicyCatalogue
{
    private const string DefaultProfileSource = "kube-scheduler default profile (v1.31)";

    /// <summary>The resources the packing policies score: cpu, memory and <c>nvidia.com/gpu</c>, weight 1 each.</summary>
    private static ImmutableArray<ResourceSpec> PackedResources { get; } =
        [new(ResourceNames.Cpu, 1), new(ResourceNames.Memory, 1), new(ResourceNames.NvidiaGpu, 1)];

    /// <summary>
    /// The spread policy's default constraints: zones only. A soft hostname constraint beside it would
    /// outweigh it (upstream weighs each constraint by ln(domains + 2), and there are more nodes than
    /// zones), so zones of unequal size would end up as unbalanced as with the system defaults.
    /// </summary>
    private static PodTopologySpreadArgs SpreadArgs { get; } = new()
    {
        DefaultingType = PodTopologySpreadConstraintsDefaulting.List,
        DefaultConstraints =
        [
            new TopologySpreadConstraint(1, Node.ZoneLabel, WhenUnsatisfiable.ScheduleAnyway, LabelSelector.Nothing),
        ],
    };

    /// <summary>Every policy, in a fixed order: the default, the other kube-scheduler profiles, then the heuristics.</summary>
    public static IReadOnlyList<Policy> All { get; } =
    [
        new(
            "kubernetes-default",
            "kube-scheduler's default profile: LeastAllocated, balanced allocation, system default topology spreading, affinities, taints, image locality",
            DefaultProfileSource,
            static () => new SchedulerConfiguration()),
        new(
            "most-allocated",
            "default profile with NodeResourcesFit MostAllocated over cpu, memory and nvidia.com/gpu: packs pods onto the fullest nodes",
            "kube-scheduler NodeResourcesFit MostAllocated strategy (Kubernetes docs: Resource Bin Packing)",
            static () => WithDefaultProfile(FitArgs(new ScoringStrategy { Type = ScoringStrategyType.MostAllocated, Resources = PackedResources }))),
        new(
            "requested-to-capacity-ratio",
            "default profile with NodeResourcesFit RequestedToCapacityRatio, shape {0:0, 100:10} over cpu, memory and nvidia.com/gpu: packs linearly in utilization",
            "kube-scheduler NodeResourcesFit RequestedToCapacityRatio strategy (Kubernetes docs: Resource Bin Packing)",
            static () => WithDefaultProfile(FitArgs(new ScoringStrategy
            {
                Type = ScoringStrategyType.RequestedToCapacityRatio,
                Resources = PackedResources,
                RequestedToCapacityRatio = new RequestedToCapacityRatioParam { Shape = [new(0, 0), new(100, 10)] },
            }))),
        new(
            "spread",
            "default profile with the cluster default spreading replaced by zones, maxSkew 1 (ScheduleAnyway), for pods of Services, RCs and ReplicaSets; LeastAllocated spreads them over nodes",
            "kube-scheduler PodTopologySpread cluster-level default constraints (Kubernetes docs: Pod Topology Spread Constraints)",
            static () => WithDefaultProfile(ImmutableDictionary.Create<string, object>(StringComparer.Ordinal).Add(PodTopologySpread.PluginName, SpreadArgs))),
        new(
            "random",
            "default filters; scores every feasible node uniformly at random (seeded)",
            "baseline: uniform random placement among feasible nodes",
            static () => HeuristicOnly(Plugins.Random.Random.PluginName)),
        new(
            "first-fit",
            "default filters; the first feasible node in node-name (ordinal) order; scores all feasible nodes (percentageOfNodesToScore 100)",
            "First Fit bin packing (Johnson, Fast algorithms for bin packing, JCSS 1974)",
            static () => HeuristicOnly(Plugins.FirstFit.FirstFit.PluginName, percentageOfNodesToScore: 100)),
        new(
            "best-fit",
            "default filters; the node with the least cpu, memory and GPU left after placement (sum of leftover shares)",
            "Best Fit bin packing (Johnson, JCSS 1974); multi-resource form: sum of normalized leftovers (Panigrahy et al., Heuristics for Vector Bin Packing, 2011)",
            static () => HeuristicOnly(Plugins.BestFit.BestFit.PluginName)),
        new(
            "worst-fit",
            "default filters; the node with the most cpu, memory and GPU left after placement (sum of leftover shares)",
            "Worst Fit bin packing (Johnson, JCSS 1974); multi-resource form: sum of normalized leftovers",
            static () => HeuristicOnly(Plugins.WorstFit.WorstFit.PluginName)),
        new(
            "dot-product",
            "default filters; the node whose free cpu, memory and GPU best align with the pod's request (dot product of shares)",
            "Grandl et al., Multi-resource packing for cluster schedulers (Tetris), SIGCOMM 2014",
            static () => HeuristicOnly(Plugins.DotProduct.DotProduct.PluginName)),
    ];

    /// <summary>The policy called <paramref name="name"/> (exact, case-sensitive); false when there is none.</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out Policy policy)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                policy = candidate;
                return true;
            }
        }

        policy = null;
        return false;
    }

    /// <summary>A registry with every in-tree plugin and the catalogue's (<see cref="CataloguePlugins"/>); add your own plugins to it.</summary>
    public static PluginRegistry CreateRegistry() => CataloguePlugins.RegisterAll(PluginRegistry.CreateDefault());

    private static ImmutableDictionary<string, object> FitArgs(ScoringStrategy strategy) =>
        ImmutableDictionary.Create<string, object>(StringComparer.Ordinal)
            .Add(NodeResourcesFit.PluginName, new NodeResourcesFitArgs { ScoringStrategy = strategy });

    private static SchedulerConfiguration WithDefaultProfile(ImmutableDictionary<string, object> pluginConfig) =>
        new() { Profiles = [new ProfileConfig { PluginConfig = pluginConfig }] };

    private static SchedulerConfiguration HeuristicOnly(string plugin, int? percentageOfNodesToScore = null) => new()
    {
        Profiles =
        [
            new ProfileConfig
            {
                PercentageOfNodesToScore = percentageOfNodesToScore,
                Plugins = new PluginsConfig
                {
                    PreScore = new PluginSet { Disabled = ["*"] },
                    Score = new PluginSet { Enabled = [new PluginRef(plugin)], Disabled = ["*"] },
                },
            },
        ],
    };
}
