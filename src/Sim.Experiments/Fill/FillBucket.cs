namespace Sim.Experiments.Fill;

/// <summary>
/// The arrivals whose arrived GPU rounds to <see cref="ArrivedPct"/> % of the capacity, averaged (the
/// paper's analysis: when no arrival rounds to it, those within ±1).
/// </summary>
/// <param name="ArrivedPct">The bucket: the arrived GPU request in percent of the capacity, rounded half to even.</param>
/// <param name="Arrivals">The number of arrivals averaged.</param>
/// <param name="ArrivedGpuMilli">Mean arrived GPU request, milli-GPU.</param>
/// <param name="UsedGpuMilli">Mean allocated GPU, milli-GPU.</param>
/// <param name="AllocatedPct">Mean allocated GPU in percent of the capacity.</param>
/// <param name="UnallocatedPct">100 − <see cref="AllocatedPct"/>: the paper's "unallocated GPU (%)".</param>
/// <param name="FragmentedPct">Mean fragmentation Σ_n F_n(M) in percent of the capacity.</param>
/// <param name="FailedPods">Mean number of pods failed so far.</param>
public sealed record FillBucket(int ArrivedPct, int Arrivals, double ArrivedGpuMilli, double UsedGpuMilli, double AllocatedPct, double UnallocatedPct, double FragmentedPct, double FailedPods);
