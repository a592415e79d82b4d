using System.Collections.Immutable;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Metrics;

/// <summary>What the metrics know of one pod (by uid): its requests and where it counts.</summary>
internal sealed class PodAccount(SimTime createdAt)
{
    public SimTime CreatedAt { get; } = createdAt;

    /// <summary>The spec <see cref="Requests"/> were read from (a write that keeps it keeps them).</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>The annotations <see cref="Gpu"/> was read from (a write that keeps them and the spec keeps it).</summary>
    public ImmutableSortedDictionary<string, string>? Annotations { get; set; }

    /// <summary>Milli-CPU, memory and milli-GPU requested (<see cref="Amounts.OfPod"/>).</summary>
    public Amounts Requests { get; set; }

    /// <summary>The GPUs the pod asks for (<see cref="PodGpu.Of"/>); <see cref="GpuRequest.None"/> for none.</summary>
    public GpuRequest Gpu { get; set; } = GpuRequest.None;

    /// <summary>The pod's latest version while it asks for GPUs (its device annotation places it on the node's devices); null otherwise.</summary>
    public Pod? GpuPod { get; set; }

    /// <summary>The node the pod is placed on (bound, not terminal, not removed); null when not placed.</summary>
    public NodeAccount? Node { get; set; }

    /// <summary>Created, not bound, not terminal and not being deleted.</summary>
    public bool Pending { get; set; }

    /// <summary>Pending, and the scheduler's last attempt found no node (status reason <c>Unschedulable</c>).</summary>
    public bool Unschedulable { get; set; }

    /// <summary>True once the pod was seen Running (its startup latency is recorded once).</summary>
    public bool RunningSeen { get; set; }
}
