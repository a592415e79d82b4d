using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>A pod: containers sharing a sandbox (the pause container's namespaces) on one node.</summary>
public sealed record Pod : ApiObject, ISpecHolder
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Pod";

    /// <summary>The index of pods by <c>spec.nodeName</c> that kubelets watch.</summary>
    public const string NodeNameIndex = "spec.nodeName";

    /// <summary>The index of pods by their controlling owner's kind, so a controller can watch only the pods of its kind.</summary>
    public const string OwnerKindIndex = "metadata.ownerReferences.kind";

    // DeletionRequestedAt in 8 bytes (OptionalTime): a pod is copied on every write.
    private readonly long _deletionRequestedAt = OptionalTime.None;

    /// <summary>What the pod asks for.</summary>
    public PodSpec Spec { get; init; } = new();

    /// <summary>What is reported about it.</summary>
    public PodStatus Status { get; init; } = new();

    /// <summary>The controlling owner (a ReplicaSet, ReplicationController, Job …), if any.</summary>
    public OwnerReference? Owner { get; init; }

    /// <summary>Set when deletion was requested: the pod terminates gracefully and is then removed.</summary>
    public SimTime? DeletionRequestedAt { get => OptionalTime.Load(_deletionRequestedAt); init => _deletionRequestedAt = OptionalTime.Store(value); }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    object ISpecHolder.SpecObject => Spec;

    /// <summary>True once bound to a node.</summary>
    public bool IsBound => Spec.NodeName.Length != 0;

    /// <summary>True when the pod is neither finished nor being deleted: it counts towards its owner's replicas.</summary>
    public bool IsActive => Status.Phase is not (PodPhase.Succeeded or PodPhase.Failed) && _deletionRequestedAt == OptionalTime.None;

    /// <summary>The pod's QoS class, from its containers' requests and limits.</summary>
    public QosClass QosClass => Qos.Of(Spec);

    /// <summary>The owner-kind index function for <see cref="ApiServer.AddIndex"/>; pods without an owner are not indexed.</summary>
    public static string? IndexByOwnerKind(ApiObject obj) => (obj as Pod)?.Owner?.Kind;

    /// <summary>The node-name index function for <see cref="ApiServer.AddIndex"/>.</summary>
    public static string? IndexByNodeName(ApiObject obj) =>
        obj is Pod { IsBound: true } pod ? pod.Spec.NodeName : null;
}
