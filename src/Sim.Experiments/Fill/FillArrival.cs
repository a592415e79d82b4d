namespace Sim.Experiments.Fill;

/// <summary>One pod's arrival in a <see cref="FillExperiment"/> and the cluster's state after it.</summary>
/// <param name="Index">The arrival's position, from 0.</param>
/// <param name="Pod">The pod's name (clones are named <c>NAME-tuned-K</c>).</param>
/// <param name="Node">The node it was placed on (its name as given, before renaming), or null when it failed.</param>
/// <param name="Devices">Its GPU devices (<c>0-1</c>), or empty.</param>
/// <param name="ArrivedGpuMilli">The GPU request of all pods arrived so far, failed ones included.</param>
/// <param name="UsedGpuMilli">The GPU allocated to placed pods.</param>
/// <param name="FragmentedGpuMilli">The cluster's fragmentation Σ_n F_n(M) against the typical pods.</param>
/// <param name="FailedPods">The pods that failed so far.</param>
public sealed record FillArrival(int Index, string Pod, string? Node, string Devices, long ArrivedGpuMilli, long UsedGpuMilli, double FragmentedGpuMilli, int FailedPods);
