using Sim.Engine;

namespace Sim.Scheduling;

/// <summary>A pod in the scheduling queue, with its attempts and the plugins that last rejected it.</summary>
public sealed class QueuedPodInfo
{
    internal QueuedPodInfo(PodInfo pod, SimTime now)
    {
        PodInfo = pod;
        Timestamp = now;
        InitialAttemptTimestamp = now;
    }

    /// <summary>The pod.</summary>
    public PodInfo PodInfo { get; internal set; }

    /// <summary>When the pod was (re-)added to the queue; PrioritySort orders equal priorities by it.</summary>
    public SimTime Timestamp { get; internal set; }

    /// <summary>Scheduling attempts so far.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Consecutive unschedulable or error outcomes, which set the backoff.</summary>
    public int UnschedulableCount { get; internal set; }

    /// <summary>When the pod first entered the queue.</summary>
    public SimTime InitialAttemptTimestamp { get; internal set; }

    // Made on first use: most pods are placed at their first attempt and never need it.
    private HashSet<string>? _unschedulablePlugins;

    /// <summary>The plugins that rejected the pod in its last attempt.</summary>
    public HashSet<string> UnschedulablePlugins => _unschedulablePlugins ??= new(StringComparer.Ordinal);

    /// <summary>Whether any plugin rejected the pod in its last attempt (<see cref="UnschedulablePlugins"/> is not empty), without making the set.</summary>
    internal bool HasUnschedulablePlugins => _unschedulablePlugins is { Count: > 0 };

    /// <summary>True while a PreEnqueue plugin (e.g. scheduling gates) keeps the pod out of the active queue.</summary>
    public bool Gated { get; internal set; }

    /// <summary>The PreEnqueue plugin that gated the pod, if any.</summary>
    public string? GatingPlugin { get; internal set; }

    /// <summary>When the pod's backoff ends.</summary>
    public SimTime BackoffExpiry { get; internal set; }

    /// <summary>The cycle in which the pod was last popped.</summary>
    internal long Cycle { get; set; }

    /// <summary>Where the pod sits: active, backoff, unschedulable or in flight.</summary>
    internal QueueLocation Location { get; set; }

    /// <summary>Heap position in the active or backoff queue.</summary>
    internal int HeapIndex { get; set; } = -1;

    /// <summary>Insertion sequence for stable ordering.</summary>
    internal long Sequence { get; set; }

    /// <inheritdoc />
    public override string ToString() => PodInfo.ToString();
}

internal enum QueueLocation
{
    None,
    Active,
    Backoff,
    Unschedulable,
    InFlight,
}
