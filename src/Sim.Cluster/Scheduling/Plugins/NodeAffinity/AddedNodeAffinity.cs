using System.Collections.Immutable;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// The node affinity a profile adds to every pod it schedules (<c>NodeAffinityArgs.addedAffinity</c>,
/// a <c>v1.NodeAffinity</c>): its required selector is ANDed with each pod's own, its preferred terms are
/// added to each pod's.
/// </summary>
public sealed record AddedNodeAffinity
{
    /// <summary><c>requiredDuringSchedulingIgnoredDuringExecution</c>; null for none.</summary>
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }

    /// <summary><c>preferredDuringSchedulingIgnoredDuringExecution</c>: weighted terms added to every pod's score.</summary>
    public ImmutableArray<PreferredSchedulingTerm> PreferredDuringSchedulingIgnoredDuringExecution { get; init; } = [];
}
