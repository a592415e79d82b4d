namespace Sim.Scheduling.Gpu;

/// <summary>
/// One task shape m of the target workload M of FGD (the FGD simulator's <c>TargetPod</c>): its CPU,
/// its GPU request and models, and its probability p_m.
/// </summary>
/// <param name="MilliCpu">CPU request in milli-cores (a container without one counts 100m, as upstream's non-zero request).</param>
/// <param name="MilliGpu">Milli-GPU per GPU; 0 for a CPU-only task.</param>
/// <param name="GpuNumber">The number of GPUs.</param>
/// <param name="GpuType">The allowed GPU models (<c>a|b</c>), empty for any.</param>
/// <param name="Probability">p_m, in 0..1; the probabilities of a workload add up to 1.</param>
public sealed record TypicalPod(long MilliCpu, int MilliGpu, int GpuNumber, string GpuType, double Probability);
