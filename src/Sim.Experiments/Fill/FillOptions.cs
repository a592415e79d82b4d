namespace Sim.Experiments.Fill;

/// <summary>
/// How <see cref="FillExperiment"/> prepares and measures a run (fgd-method.md §3). The defaults are the
/// FGD paper's: shuffled pods, inflated to 130 % of the GPU capacity, randomly named nodes, a 95 %
/// popularity cut for the typical pods, buckets up to 130 % arrived.
/// </summary>
public sealed record FillOptions
{
    /// <summary>The run's seed: every random draw (shuffle, inflation, node names, tie-breaking, random plugins) comes from it.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Shuffle the pods (sorted by name first) before they arrive (the simulator's <c>--shuffle-pod</c>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The GPU request to reach, as a multiple of the GPU capacity (the simulator's <c>-tune</c>): clones
    /// drawn with replacement are appended while the total stays within it, or random pods are dropped
    /// while it is above; 0 leaves the pods as given.
    /// </summary>
    public double TargetRatio { get; init; } = 1.3;

    /// <summary>Give the nodes names with a random-permutation prefix (<c>0042-name</c>) and search them in that order.</summary>
    public bool RenameNodes { get; init; } = true;

    /// <summary>The share of the pods, in percent, the typical pods (FGD's target workload) must cover.</summary>
    public int PopularityThreshold { get; init; } = Sim.Scheduling.Gpu.TypicalPods.DefaultPopularityThreshold;

    /// <summary>How ties between the best nodes are broken (uniformly by default).</summary>
    public FillTieBreaking TieBreaking { get; init; } = FillTieBreaking.Uniform;

    /// <summary>The last arrived-percentage bucket (the paper's analysis stops at 130).</summary>
    public int MaxArrivedPct { get; init; } = 130;
}
