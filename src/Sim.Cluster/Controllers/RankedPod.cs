using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A pod and its rank for scale-down: how many active pods related to it (of the same controller) run on
/// its node, itself included when it is among them. <see cref="ActivePodsRanking"/> puts pods of higher
/// rank first for deletion.
/// </summary>
/// <param name="Pod">The pod.</param>
/// <param name="Rank">Its rank, from <see cref="ActivePodsRanking.RankByRelatedPodsOnSameNode"/>.</param>
public readonly record struct RankedPod(Pod Pod, int Rank);
