using System.Collections.Immutable;
using Sim.Cluster.Api;

namespace Sim.Cluster.Objects;

/// <summary>A Service's endpoints: its ready backends, kept by the endpoints controller. Same name as the service.</summary>
public sealed record Endpoints : ApiObject
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "Endpoints";

    /// <summary>The ready pods, ordered by pod name.</summary>
    public ImmutableArray<EndpointAddress> Addresses { get; init; } = [];

    /// <inheritdoc />
    public override string Kind => KindName;
}
