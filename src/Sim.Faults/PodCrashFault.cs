using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Workloads;

namespace Sim.Faults;

/// <summary>
/// Containers of the selected pods exit with an error (<see cref="Cluster.Nodes.Kubelet.CrashContainer"/>):
/// the pod is not ready, and under restartPolicy Always or OnFailure its container restarts after the
/// CrashLoopBackOff delay (under Never the pod fails). Either each running pod crashes after
/// drawn times (<see cref="TimeBetweenCrashes"/>, a renewal process per pod from the stream
/// <c>faults/NAME/NAMESPACE/POD</c>), or at the times of <see cref="Schedule"/>.
/// </summary>
public sealed record PodCrashFault : FaultSpec
{
    /// <summary>The pods that can crash, by label; <see cref="LabelSelector.Everything"/> for all.</summary>
    public LabelSelector Selector { get; init; } = LabelSelector.Everything;

    /// <summary>Only pods of this namespace; null for every namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Seconds from a pod's first Running (and then from each crash) to its next crash, drawn per
    /// crash, e.g. exponential for a constant rate per pod. Null with <see cref="Schedule"/>.
    /// </summary>
    public Distribution? TimeBetweenCrashes { get; init; }

    /// <summary>Offsets from the start of the run at which selected running pods crash; empty with <see cref="TimeBetweenCrashes"/>.</summary>
    public ImmutableArray<TimeSpan> Schedule { get; init; } = [];

    /// <summary>With <see cref="Schedule"/>: how many running selected pods crash each time (drawn from <c>faults/NAME/picks</c>); null for all.</summary>
    public int? Count { get; init; }

    /// <summary>No crash before this offset from the start of the run.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>No crash after this offset from the start of the run; null for none.</summary>
    public TimeSpan? Stop { get; init; }
}
