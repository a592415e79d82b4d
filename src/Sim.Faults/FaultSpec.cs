using System.Collections.Immutable;
using Sim.Workloads;

namespace Sim.Faults;

/// <summary>
/// One kind of injected failure. Every draw comes from streams named after <see cref="Name"/>
/// (and the node), so the same seed gives every scheduling policy the same failures.
/// </summary>
public abstract record FaultSpec
{
    /// <summary>Unique within a scenario; names the random streams and the fault in logs.</summary>
    public required string Name { get; init; }
}

/// <summary>
/// Independent crashes of each selected node: up for a drawn time (time to failure), then down (its
/// kubelet stops: no heartbeats, containers stop) for a drawn time to recover, and so on.
/// </summary>
public sealed record NodeCrashFault : FaultSpec
{
    /// <summary>Seconds a node runs before it crashes (the MTBF distribution), drawn per failure.</summary>
    public required Distribution TimeToFailure { get; init; }

    /// <summary>Seconds a crashed node stays down (the MTTR distribution); null for never recovering.</summary>
    public Distribution? TimeToRecover { get; init; }

    /// <summary>Node labels selecting the nodes that can crash; empty for every node.</summary>
    public ImmutableDictionary<string, string> NodeSelector { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>No crash before this offset from the start of the run.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>No crash at or after this offset from the start of the run (a node down then still recovers); null for none.</summary>
    public TimeSpan? Stop { get; init; }
}

/// <summary>Named nodes crash at <see cref="At"/> and recover after <see cref="Duration"/> (never if null).</summary>
public sealed record ScheduledNodeFault : FaultSpec
{
    /// <summary>The nodes.</summary>
    public required ImmutableArray<string> Nodes { get; init; }

    /// <summary>The offset from the start of the run.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>How long they stay down; null for the rest of the run.</summary>
    public TimeSpan? Duration { get; init; }
}

/// <summary>Every node of a zone (<c>topology.kubernetes.io/zone</c>) fails together (a correlated failure).</summary>
public sealed record ZoneOutageFault : FaultSpec
{
    /// <summary>The zone.</summary>
    public required string Zone { get; init; }

    /// <summary>The offset from the start of the run.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>How long the zone stays down; null for the rest of the run.</summary>
    public TimeSpan? Duration { get; init; }
}
