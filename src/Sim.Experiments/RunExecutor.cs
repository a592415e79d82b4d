using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Experiments.Fill;
using Sim.Experiments.Scenarios;
using Sim.Faults;
using Sim.Metrics;
using Sim.Metrics.Replication;
using Sim.Scheduling;
using Sim.Scheduling.Policies;
using Sim.Workloads;

namespace Sim.Experiments;

/// <summary>Runs one simulation of a grid: builds the cluster, starts the workloads, faults and metrics, and runs to the scenario's duration or its stop condition.</summary>
public static class RunExecutor
{
    /// <summary>The label every pool node carries with its pool's name.</summary>
    public const string PoolLabel = "sim.pool";

    /// <summary>The metrics of every run, in <see cref="RunResult.Final"/> order: <see cref="MetricsCollector.FinalNames"/>, then <see cref="ReplicationCollector.FinalNames"/>.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = [.. MetricsCollector.FinalNames, .. ReplicationCollector.FinalNames];

    /// <summary>The x column of <c>timeseries.csv</c> for a simulation in time.</summary>
    public const string TimeColumn = "time_s";

    /// <summary>The final metrics of runs of <paramref name="scenario"/>: <see cref="MetricNames"/>, or a fill experiment's <see cref="FillMetrics.FinalNames"/>.</summary>
    public static IReadOnlyList<string> MetricNamesFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Fill is null ? MetricNames : FillMetrics.FinalNames;
    }

    /// <summary>The x column of <c>timeseries.csv</c> for runs of <paramref name="scenario"/>: <see cref="TimeColumn"/>, or a fill experiment's <c>arrived_pct</c>.</summary>
    public static string XColumnFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Fill is null ? TimeColumn : FillResult.XColumn;
    }

    /// <summary>Runs <paramref name="run"/> and returns its results.</summary>
    public static RunResult Execute(RunSpec run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = WallClock.Timestamp();
        var scenario = run.Scenario;
        if (scenario.Fill is { } fill)
        {
            return ExecuteFill(run, fill, started);
        }

        var (configuration, plugins) = Resolve(run.Policy);
        var cluster = new SimulatedCluster(run.Seed, scenario.Timings, recordEvents: scenario.WriteEvents, scheduler: configuration, plugins: plugins);
        foreach (var node in Nodes(scenario.Cluster))
        {
            cluster.AddNode(node);
        }

        var metrics = new MetricsCollector(cluster, new MetricsOptions { SampleInterval = scenario.SampleInterval });
        metrics.Start();
        var replication = new ReplicationCollector(cluster, new ReplicationOptions { Traffic = scenario.Traffic });
        replication.Start();
        var workloads = new WorkloadDriver(cluster, scenario.Workloads);
        workloads.Start();
        new FaultInjector(cluster, scenario.Faults).Start();
        var end = SimTime.Zero + scenario.Duration;
        if (scenario.Stop is { } stop)
        {
            new StopWatcher(cluster, workloads, stop).RunUntil(end);
        }
        else
        {
            cluster.Simulation.RunUntil(end);
        }

        IReadOnlyList<Metric> final = [.. metrics.Final(), .. replication.Final()];
        string? log = null;
        if (scenario.WriteEvents)
        {
            using var writer = new StringWriter(new StringBuilder());
            writer.NewLine = "\n";
            cluster.Log.WriteJsonLines(writer);
            log = writer.ToString();
        }

        var wall = WallClock.SecondsSince(started);
        using var process = Process.GetCurrentProcess();
        return new RunResult(run, final, [.. metrics.Series, .. replication.Series], cluster.Simulation.EventsExecuted, cluster.Scheduler.Scheduled, wall, process.PeakWorkingSet64, log)
        {
            Workloads = Results.WorkloadTable.Of(replication),
        };
    }

    /// <summary>A fill experiment's run: the scenario's nodes, the fill's pods, the run's policy and seed; events are the arrivals.</summary>
    private static RunResult ExecuteFill(RunSpec run, FillSpec fill, long started)
    {
        var (configuration, plugins) = Resolve(run.Policy);
        var result = FillExperiment.Run(run.Scenario.Cluster.Nodes, fill.Pods, configuration, plugins, fill.Options with { Seed = run.Seed });
        var placed = result.Arrivals.Count(a => a.Node is not null);
        var wall = WallClock.SecondsSince(started);
        using var process = Process.GetCurrentProcess();
        return new RunResult(run, FillMetrics.Final(result), FillMetrics.Series(result), result.Arrivals.Length, placed, wall, process.PeakWorkingSet64, null);
    }

    /// <summary>The scheduler configuration and plugins of <paramref name="policy"/>: its own configuration, or the catalogue's.</summary>
    public static (SchedulerConfiguration Configuration, PluginRegistry Plugins) Resolve(PolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var plugins = PolicyCatalogue.CreateRegistry();
        if (policy.Configuration is { } own)
        {
            return (own, plugins);
        }

        return PolicyCatalogue.TryGet(policy.Name, out var known)
            ? (known.Configuration(), plugins)
            : throw new ArgumentException($"unknown policy '{policy.Name}'", nameof(policy));
    }

    /// <summary>The cluster's nodes: each pool's nodes (<c>POOL-i</c>, zones round-robin), then the nodes read from files.</summary>
    public static IEnumerable<Node> Nodes(ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var pool in spec.Pools)
        {
            for (var i = 0; i < pool.Count; i++)
            {
                var name = $"{pool.Name}-{i}";
                var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pool.Labels)
                    .SetItem(PoolLabel, pool.Name).SetItem(Node.HostnameLabel, name);
                if (!pool.Zones.IsEmpty)
                {
                    labels = labels.SetItem(Node.ZoneLabel, pool.Zones[i % pool.Zones.Length]);
                }

                if (pool.Region is { } region)
                {
                    labels = labels.SetItem(Node.RegionLabel, region);
                }

                if (pool.InstanceType is { } type)
                {
                    labels = labels.SetItem(Node.InstanceTypeLabel, type);
                }

                yield return new Node
                {
                    Metadata = new ObjectMeta { Name = name, Labels = labels },
                    Spec = new NodeSpec { Taints = pool.Taints },
                    Status = new NodeStatus { Capacity = pool.Allocatable, Allocatable = pool.Allocatable },
                };
            }
        }

        foreach (var node in spec.Nodes)
        {
            yield return node;
        }
    }
}
