namespace Sim.Scheduling;

/// <summary>The kind of object a cluster event is about.</summary>
public enum EventResource
{
    /// <summary>A pod already on a node (bound or assumed).</summary>
    AssignedPod,

    /// <summary>A pod not yet on a node (including the one being scheduled).</summary>
    UnscheduledPod,

    /// <summary>A node.</summary>
    Node,

    /// <summary>A PodDisruptionBudget.</summary>
    PodDisruptionBudget,

    /// <summary>A Service.</summary>
    Service,

    /// <summary>Every kind (used for the periodic flushes and unknown changes).</summary>
    Wildcard,
}

/// <summary>What happened, as flags so a registration can name several (upstream's <c>ActionType</c>).</summary>
[Flags]
public enum ActionType
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Created.</summary>
    Add = 1 << 0,

    /// <summary>Deleted.</summary>
    Delete = 1 << 1,

    /// <summary>A node's allocatable changed.</summary>
    UpdateNodeAllocatable = 1 << 2,

    /// <summary>A node's labels changed.</summary>
    UpdateNodeLabel = 1 << 3,

    /// <summary>A node's taints or its unschedulable flag changed.</summary>
    UpdateNodeTaint = 1 << 4,

    /// <summary>A node's conditions changed.</summary>
    UpdateNodeCondition = 1 << 5,

    /// <summary>A pod's labels changed.</summary>
    UpdatePodLabel = 1 << 6,

    /// <summary>A pod's requests went down.</summary>
    UpdatePodScaleDown = 1 << 7,

    /// <summary>A pod's tolerations changed.</summary>
    UpdatePodTolerations = 1 << 8,

    /// <summary>A pod's scheduling gates were all removed.</summary>
    UpdatePodSchedulingGatesEliminated = 1 << 9,

    /// <summary>A node's images changed.</summary>
    UpdateNodeImages = 1 << 10,

    /// <summary>Any other update.</summary>
    UpdateOther = 1 << 11,

    /// <summary>Any update.</summary>
    Update = UpdateNodeAllocatable | UpdateNodeLabel | UpdateNodeTaint | UpdateNodeCondition | UpdatePodLabel | UpdatePodScaleDown
        | UpdatePodTolerations | UpdatePodSchedulingGatesEliminated | UpdateNodeImages | UpdateOther,

    /// <summary>Anything.</summary>
    All = Add | Delete | Update,
}

/// <summary>A change in the cluster that may make waiting pods schedulable.</summary>
/// <param name="Resource">What changed.</param>
/// <param name="Action">How it changed.</param>
public readonly record struct ClusterEvent(EventResource Resource, ActionType Action)
{
    /// <summary>The event of the periodic flush of long-unschedulable pods.</summary>
    public static ClusterEvent UnschedulableTimeout { get; } = new(EventResource.Wildcard, ActionType.All);

    /// <summary>True when a registration for <paramref name="registered"/> covers this event.</summary>
    public bool IsCoveredBy(ClusterEvent registered) =>
        (registered.Resource == EventResource.Wildcard || registered.Resource == Resource || Resource == EventResource.Wildcard)
        && (registered.Action & Action) != 0;

    /// <inheritdoc />
    public override string ToString() => $"{Resource}{Action}";
}

/// <summary>A plugin's verdict on whether an event may make a pod it rejected schedulable.</summary>
public enum QueueingHint
{
    /// <summary>The event cannot help the pod; leave it waiting.</summary>
    QueueSkip,

    /// <summary>The event may help; requeue the pod.</summary>
    Queue,
}

/// <summary>Looks at one change for one waiting pod: <paramref name="oldObject"/> and <paramref name="newObject"/> are the API objects (null for add/delete sides).</summary>
public delegate QueueingHint QueueingHintFn(Cluster.Objects.Pod pod, object? oldObject, object? newObject);

/// <summary>An event a plugin registers for, with an optional hint (null means always <see cref="QueueingHint.Queue"/>).</summary>
/// <param name="Event">The event.</param>
/// <param name="Hint">The hint.</param>
public sealed record ClusterEventWithHint(ClusterEvent Event, QueueingHintFn? Hint = null);
