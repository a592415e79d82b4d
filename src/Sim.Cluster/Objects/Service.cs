using System.Collections.Immutable;
using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A Service: a stable address in front of the ready pods its selector matches.</summary>
public sealed record Service : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Service";

    /// <summary>Equality selector over pod labels; a service without a selector has no managed endpoints.</summary>
    public ImmutableSortedDictionary<string, string> Selector { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Its ports.</summary>
    public ImmutableArray<ServicePort> Ports { get; init; } = [];

    /// <summary>How it is reached.</summary>
    public ServiceType Type { get; init; } = ServiceType.ClusterIP;

    /// <inheritdoc />
    public override string Kind => KindName;
}
