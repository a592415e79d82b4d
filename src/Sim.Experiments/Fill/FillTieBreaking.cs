namespace Sim.Experiments.Fill;

/// <summary>How a fill run chooses among the nodes with the best total score.</summary>
public enum FillTieBreaking
{
    /// <summary>
    /// Uniformly at random from the seed, as kube-scheduler's <c>selectHost</c> (reservoir sampling; the
    /// scheduler's own <see cref="Sim.Scheduling.SchedulingAlgorithm"/> runs the cycle).
    /// </summary>
    Uniform,

    /// <summary>
    /// The first of them in the search order (the nodes' random-permutation names): what the FGD
    /// simulator's published results behave like (see docs/gpu.md). Every node is searched, whatever the
    /// profile's <c>percentageOfNodesToScore</c>.
    /// </summary>
    FirstInSearchOrder,
}
