using Sim.Cluster.Labels;
using Sim.Cluster.Objects;

namespace Sim.Metrics.Replication;

/// <summary>
/// A request rate for the Services a rule selects: by label (<see cref="Selector"/>, over the
/// Service's own labels; the workload driver labels its Services <c>sim.workload=NAME</c>), namespace
/// and name. Requests to each selected Service arrive as a Poisson process of <see cref="RatePerSecond"/>.
/// </summary>
public sealed record ServiceTraffic
{
    /// <summary>The Services' labels must match it. Default: every Service.</summary>
    public LabelSelector Selector { get; init; } = LabelSelector.Everything;

    /// <summary>Only Services of this namespace; null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only the Service of this name; null for all.</summary>
    public string? Name { get; init; }

    /// <summary>Requests per second to each selected Service (at least 0).</summary>
    public required double RatePerSecond { get; init; }

    /// <summary>Whether the rule selects <paramref name="service"/>.</summary>
    public bool Matches(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return (Namespace is null || Namespace == service.Metadata.Namespace)
            && (Name is null || Name == service.Metadata.Name)
            && Selector.Matches(service.Metadata.Labels);
    }
}
