using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A PriorityClass: a named scheduling priority. Cluster-scoped.</summary>
public sealed record PriorityClass : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "PriorityClass";

    /// <summary>The built-in class for cluster-critical pods (2,000,000,000).</summary>
    public const string SystemClusterCritical = "system-cluster-critical";

    /// <summary>The built-in class for node-critical pods (2,000,001,000).</summary>
    public const string SystemNodeCritical = "system-node-critical";

    /// <summary>The priority of pods in this class; higher schedules first and may preempt lower.</summary>
    public int Value { get; init; }

    /// <summary>Whether pods without a class get this one (at most one class should be the global default).</summary>
    public bool GlobalDefault { get; init; }

    /// <summary>Whether pods of this class may preempt others (<c>PreemptLowerPriority</c>) or never (<c>Never</c>).</summary>
    public bool PreemptLowerPriority { get; init; } = true;

    /// <inheritdoc />
    public override string Kind => KindName;
}
