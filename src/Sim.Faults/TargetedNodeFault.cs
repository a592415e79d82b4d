using System.Collections.Immutable;

namespace Sim.Faults;

/// <summary>
/// A fault that happens to chosen nodes at a time: the named <see cref="Nodes"/>, or
/// <see cref="Count"/> nodes drawn (without replacement, from the stream <c>faults/NAME/targets</c>,
/// at the injector's start) among those <see cref="NodeSelector"/> selects, or every selected node
/// when neither is given.
/// </summary>
public abstract record TargetedNodeFault : FaultSpec
{
    /// <summary>The offset from the start of the run.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>The nodes by name; empty to choose them with <see cref="Count"/> and <see cref="NodeSelector"/>.</summary>
    public ImmutableArray<string> Nodes { get; init; } = [];

    /// <summary>How many nodes to draw among the selected ones (all of them if fewer); null for all. Not with <see cref="Nodes"/>.</summary>
    public int? Count { get; init; }

    /// <summary>Node labels the drawn nodes must have; empty for every node. Not with <see cref="Nodes"/>.</summary>
    public ImmutableDictionary<string, string> NodeSelector { get; init; } = ImmutableDictionary<string, string>.Empty;
}
