using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Faults;
using Sim.Workloads;

namespace Sim.Experiments.Scenarios;

/// <summary>
/// One simulation set-up, as a scenario file describes it: the cluster, the work arriving at it,
/// the faults, the policies to compare, the seeds and how long to run. A scenario file with a
/// sweep gives one <see cref="Scenario"/> per combination of parameter values (see
/// <see cref="ScenarioFile"/>).
/// </summary>
public sealed record Scenario
{
    /// <summary>The name in outputs (<c>scenario</c> column); a sweep variant appends its parameter values, e.g. <c>web[nodes=200]</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One or two sentences for people reading the outputs.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The nodes.</summary>
    public required ClusterSpec Cluster { get; init; }

    /// <summary>The work arriving at the cluster.</summary>
    public ImmutableArray<WorkloadSpec> Workloads { get; init; } = [];

    /// <summary>Injected failures.</summary>
    public ImmutableArray<FaultSpec> Faults { get; init; } = [];

    /// <summary>Request rates of the Services (first matching rule wins); none: no traffic.</summary>
    public ImmutableArray<Metrics.Replication.ServiceTraffic> Traffic { get; init; } = [];

    /// <summary>The policies to compare, in order; the first is the baseline of paired comparisons.</summary>
    public required ImmutableArray<PolicySpec> Policies { get; init; }

    /// <summary>The seeds; seed k gives every policy the same arrivals, demands and faults.</summary>
    public required ImmutableArray<ulong> Seeds { get; init; }

    /// <summary>Simulated time each run lasts: with <see cref="Stop"/>, the most it lasts; zero for a fill experiment, which has no time.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>An arrival-only fill experiment run instead of a simulation in time; null for a simulation.</summary>
    public FillSpec? Fill { get; init; }

    /// <summary>A condition that ends each run before <see cref="Duration"/> (which stays the cap); null to run for the whole duration.</summary>
    public StopCondition? Stop { get; init; }

    /// <summary>Control-plane timings (watch latency, kubelet steps, node monitor); Kubernetes' defaults where unset.</summary>
    public ClusterTimings Timings { get; init; } = new();

    /// <summary>How often the time series is sampled.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether to write <c>events.jsonl</c> (every API write of every run).</summary>
    public bool WriteEvents { get; init; }

    /// <summary>The sweep parameter values that produced this variant, in the file's order (empty without a sweep).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Parameters { get; init; } = [];
}

/// <summary>The cluster's nodes: generated pools and nodes read from Kubernetes YAML, in that order.</summary>
public sealed record ClusterSpec
{
    /// <summary>Node pools, each <see cref="NodePool.Count"/> identical nodes.</summary>
    public ImmutableArray<NodePool> Pools { get; init; } = [];

    /// <summary>Nodes read from Kubernetes YAML files (<c>kind: Node</c>).</summary>
    public ImmutableArray<Cluster.Objects.Node> Nodes { get; init; } = [];
}

/// <summary>
/// <see cref="Count"/> identical nodes named <c>NAME-INDEX</c> (from 0), spread round-robin over
/// <see cref="Zones"/>: node i is in zone i mod zones.
/// </summary>
public sealed record NodePool
{
    /// <summary>The pool's name: the node name prefix and the <c>sim.pool</c> label.</summary>
    public required string Name { get; init; }

    /// <summary>How many nodes.</summary>
    public required int Count { get; init; }

    /// <summary>Each node's allocatable (and capacity) resources.</summary>
    public required Cluster.Resources.ResourceList Allocatable { get; init; }

    /// <summary>Zones (the <c>topology.kubernetes.io/zone</c> label), round-robin; empty for no zone label.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary>The <c>topology.kubernetes.io/region</c> label; null for none.</summary>
    public string? Region { get; init; }

    /// <summary>The <c>node.kubernetes.io/instance-type</c> label; null for none.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Extra node labels.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Taints on every node of the pool.</summary>
    public ImmutableArray<Cluster.Objects.Taint> Taints { get; init; } = [];
}

/// <summary>
/// A policy to compare: a catalogue name (<c>sim policies</c>), or a name given to a
/// <c>KubeSchedulerConfiguration</c> file.
/// </summary>
/// <param name="Name">The name in outputs (<c>policy</c> column).</param>
/// <param name="Configuration">The scheduler configuration read from a file; null to take <paramref name="Name"/> from the catalogue.</param>
public sealed record PolicySpec(string Name, Scheduling.SchedulerConfiguration? Configuration = null);

/// <summary>What a scenario file holds: its variants (one per sweep point, one without a sweep) and warnings.</summary>
public sealed record ScenarioFile
{
    /// <summary>The path as given.</summary>
    public required string Path { get; init; }

    /// <summary>The scenario's name as written.</summary>
    public required string Name { get; init; }

    /// <summary>One scenario per combination of sweep values, in file order (the last parameter varies fastest).</summary>
    public required ImmutableArray<Scenario> Variants { get; init; }
}
