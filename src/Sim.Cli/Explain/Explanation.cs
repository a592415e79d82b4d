using System.Collections.Immutable;
using Sim.Scheduling;

namespace Sim.Cli.Explain;

/// <summary>What one scheduling cycle would make of a pod, node by node: <c>sim explain</c>'s result.</summary>
internal sealed record Explanation
{
    /// <summary>The pod, as <c>namespace/name</c>.</summary>
    public required string Pod { get; init; }

    /// <summary>The pod's priority (from its PriorityClass when it names one).</summary>
    public int Priority { get; init; }

    /// <summary>The profile that placed it (the pod's <c>schedulerName</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>Every node, in the snapshot's order (zones interleaved, as the scheduler searches them).</summary>
    public required ImmutableArray<NodeVerdict> Nodes { get; init; }

    /// <summary>The profile's score plugins, in order, with their weights.</summary>
    public required ImmutableArray<(string Name, int Weight)> ScorePlugins { get; init; }

    /// <summary>The chosen node, or null when the pod fits nowhere.</summary>
    public string? Selected { get; init; }

    /// <summary>How many feasible nodes share the best total (1 when there is no tie; 0 when none is feasible).</summary>
    public int TiedNodes { get; init; }

    /// <summary>How many feasible nodes the real cycle looks for before it stops filtering (upstream's <c>numFeasibleNodesToFind</c>).</summary>
    public int SampledNodes { get; init; }

    /// <summary>The FitError message when the pod fits nowhere, e.g. <c>0/4 nodes are available: 4 Insufficient cpu.</c>.</summary>
    public string? Message { get; init; }

    /// <summary>What preemption (the PostFilter plugins) would do when the pod fits nowhere; null when it did not run.</summary>
    public PreemptionOutcome? Preemption { get; init; }

    /// <summary>Things the reader should know: simplifications, skipped plugins, gates.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The number of feasible nodes.</summary>
    public int FeasibleNodes => Nodes.Count(n => n.Feasible);
}

/// <summary>One node's filter verdict and scores.</summary>
/// <param name="Name">The node.</param>
/// <param name="FilterPlugin">The plugin that rejected the pod here, or null when it fits.</param>
/// <param name="FilterReason">Why it was rejected, as the plugin says it.</param>
/// <param name="Scores">Each score plugin's raw, normalized and weighted score (empty when not feasible).</param>
/// <param name="Total">The weighted total, or null when the node was not scored.</param>
internal sealed record NodeVerdict(string Name, string? FilterPlugin, string? FilterReason, ImmutableArray<(string Plugin, PluginScore Score)> Scores, long? Total)
{
    /// <summary>True when every filter passed.</summary>
    public bool Feasible => FilterReason is null;
}

/// <summary>What the PostFilter plugins did on a copy of the cycle's state.</summary>
/// <param name="Plugin">The plugin whose result this is (null when every one declined).</param>
/// <param name="NominatedNode">The node preemption would make room on, or null.</param>
/// <param name="Message">What the plugins said.</param>
internal sealed record PreemptionOutcome(string? Plugin, string? NominatedNode, string Message);
