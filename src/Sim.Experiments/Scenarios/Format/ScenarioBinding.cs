using System.Collections.Immutable;
using System.Globalization;
using Sim.Faults;
using Sim.Kubernetes.Yaml;
using Sim.Workloads;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Binds the scenario document (one variant of it) into a <see cref="Scenario"/>.</summary>
internal static class ScenarioBinding
{
    /// <summary>The most seeds a scenario lists or spans.</summary>
    public const int MaxSeeds = 100_000;

    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromMinutes(1);

    private const string SeedsWhat = "a seed (a whole number), a range such as 1..5 or a list of seeds";

    /// <summary>The scenario, or null after an error (all reported).</summary>
    public static Scenario? Bind(Binder b, YamlNode root)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(root, string.Empty, ScenarioFields.Scenario, "a scenario: a mapping with name, duration, policies and cluster") is not { } fields)
        {
            return null;
        }

        var name = b.Required(fields, "name", "the scenario's name in outputs") is { } nameNode ? Values.SimpleName(b, nameNode, "name") : null;
        var description = fields["description"] is { } descriptionNode ? b.Text(descriptionNode, "description", "text") : string.Empty;
        var fill = fields["fill"];
        var duration = fill is not null ? null
            : b.Required(fields, "duration", $"how long each run lasts in simulated time, e.g. 2h") is { } durationNode ? b.Duration(durationNode, "duration", positive: true)
            : null;
        var seeds = fields["seeds"] is { } seedsNode ? Seeds(b, seedsNode, "seeds") : [1UL];
        var policies = b.Required(fields, "policies", "the policies to compare, e.g. [kubernetes-default, most-allocated]") is { } policiesNode
            ? PolicyReader.ReadAll(b, policiesNode, "policies")
            : null;
        if (fill is not null)
        {
            return Fill(b, fields, fill, name, description, seeds, policies, errors);
        }

        var sampleInterval = fields["sampleInterval"] is { } intervalNode ? b.Duration(intervalNode, "sampleInterval", positive: true) : DefaultSampleInterval;
        var cluster = b.Required(fields, "cluster", "the nodes: pools and/or nodes files") is { } clusterNode ? ClusterReader.Read(b, clusterNode, "cluster") : null;
        var timings = fields["timings"] is { } timingsNode ? TimingsReader.Read(b, timingsNode, "timings") : new Cluster.ClusterTimings();
        var workloads = fields["workloads"] is { } workloadsNode ? WorkloadReader.ReadAll(b, workloadsNode, "workloads") : [];
        var faults = fields["faults"] is { } faultsNode ? FaultReader.ReadAll(b, faultsNode, "faults", cluster) : [];
        var traffic = fields["traffic"] is { } trafficNode ? TrafficReader.ReadAll(b, trafficNode, "traffic") : [];
        var stop = fields["stop"] is { } stopNode ? StopReader.Read(b, stopNode, "stop", workloads) : null;
        var events = false;
        if (fields["outputs"] is { } outputsNode && b.Fields(outputsNode, "outputs", ScenarioFields.Outputs, "a mapping such as {events: true}") is { } outputs
            && outputs["events"] is { } eventsNode)
        {
            events = b.Boolean(eventsNode, "outputs.events") ?? false;
        }

        if (duration is { } length)
        {
            Warnings(b, fields, length, sampleInterval, workloads, faults);
        }

        if (b.Bag.ErrorCount != errors || name is null || description is null || duration is null || seeds is null || sampleInterval is null
            || policies is null || cluster is null || timings is null || workloads is null || faults is null || traffic is null)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Cluster = cluster,
            Workloads = workloads.Value,
            Faults = faults.Value,
            Traffic = traffic.Value,
            Policies = policies.Value,
            Seeds = seeds.Value,
            Duration = duration.Value,
            Stop = stop,
            Timings = timings,
            SampleInterval = sampleInterval.Value,
            WriteEvents = events,
        };
    }

    /// <summary>The fields of a simulation in time, which a fill experiment refuses.</summary>
    private static readonly string[] TimeFields = ["duration", "stop", "sampleInterval", "cluster", "timings", "workloads", "faults", "traffic", "outputs"];

    /// <summary>A fill experiment: nodes and pods from <c>fill</c>, no time, no workloads or faults.</summary>
    private static Scenario? Fill(Binder b, Fields fields, YamlNode fillNode, string? name, string? description, ImmutableArray<ulong>? seeds, ImmutableArray<PolicySpec>? policies, int errors)
    {
        foreach (var key in TimeFields)
        {
            if (fields.Has(key))
            {
                b.Error(YamlLocator.Find(fields.Mapping, key), key == "cluster"
                    ? "cluster: a fill experiment's nodes come from fill.nodes; remove cluster"
                    : $"{key}: not used by a fill experiment (it places pods one at a time with no time, workloads or faults); remove {key}");
            }
        }

        var fill = FillReader.Read(b, fillNode, "fill");
        if (b.Bag.ErrorCount != errors || name is null || description is null || seeds is null || policies is null || fill is not { } read)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Cluster = new ClusterSpec { Nodes = read.Nodes },
            Policies = policies.Value,
            Seeds = seeds.Value,
            Duration = TimeSpan.Zero,
            Fill = read.Spec,
        };
    }

    /// <summary>A seed, a range <c>a..b</c> or a list of distinct seeds.</summary>
    public static ImmutableArray<ulong>? Seeds(Binder b, YamlNode node, string path)
    {
        if (node is YamlSequenceNode)
        {
            var items = b.Items(node, path, SeedsWhat)!;
            if (items.Count == 0)
            {
                b.Error(node.Start, $"{path}: expected at least one seed, got an empty list");
                return null;
            }

            if (items.Count > MaxSeeds)
            {
                b.Error(node.Start, $"{path}: expected at most {MaxSeeds:N0} seeds, got {items.Count:N0}");
                return null;
            }

            var seeds = new List<ulong>(items.Count);
            var seen = new Dictionary<ulong, long>();
            for (var i = 0; i < items.Count; i++)
            {
                if (Seed(b, items[i], $"{path}[{i}]", items[i] is YamlScalarNode { Value: { } t } ? t : null) is not { } seed)
                {
                    continue;
                }

                if (seen.TryGetValue(seed, out var line))
                {
                    b.Error(items[i].Start, $"{path}[{i}]: duplicate seed {seed} (also at line {line})");
                    continue;
                }

                seen[seed] = items[i].Start.Line;
                seeds.Add(seed);
            }

            return seeds.Count == items.Count ? [.. seeds] : null;
        }

        if (b.Text(node, path, SeedsWhat) is not { } text)
        {
            return null;
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return Seed(b, node, path, text) is { } single ? [single] : null;
        }

        if (!ulong.TryParse(text.AsSpan(0, dots), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !ulong.TryParse(text.AsSpan(dots + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            b.Expected(node, path, SeedsWhat);
            return null;
        }

        if (last < first)
        {
            b.Expected(node, path, "a range whose end is not below its start");
            return null;
        }

        if (last - first >= MaxSeeds)
        {
            b.Expected(node, path, $"at most {MaxSeeds:N0} seeds");
            return null;
        }

        var range = ImmutableArray.CreateBuilder<ulong>((int)(last - first + 1));
        for (var seed = first; ; seed++)
        {
            range.Add(seed);
            if (seed == last)
            {
                break;
            }
        }

        return range.MoveToImmutable();
    }

    private static ulong? Seed(Binder b, YamlNode node, string path, string? text)
    {
        if (text is not null && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        b.Expected(node, path, text is not null && text.All(char.IsAsciiDigit) && text.Length > 0 ? "a seed of at most 18446744073709551615" : "a seed (a whole number that is not negative)");
        return null;
    }

    private static void Warnings(Binder b, Fields fields, TimeSpan duration, TimeSpan? sampleInterval, ImmutableArray<WorkloadSpec>? workloads, ImmutableArray<FaultSpec>? faults)
    {
        if (sampleInterval > duration && fields["sampleInterval"] is not null)
        {
            b.Warning(fields["sampleInterval"]!.Start, $"sampleInterval: {Units.Format(sampleInterval.Value)} is longer than the run ({Units.Format(duration)}); the time series has one sample");
        }

        if (fields["workloads"] is YamlSequenceNode workloadItems && workloads is { } list)
        {
            for (var i = 0; i < list.Length && i < workloadItems.Children.Count; i++)
            {
                if (list[i].Start >= duration)
                {
                    b.Warning(YamlLocator.Find(b.Resolve(workloadItems.Children[i]), "start"), $"workloads[{i}].start: {Units.Format(list[i].Start)} is not before the end of the run ({Units.Format(duration)}); nothing of it arrives");
                }
            }
        }

        if (fields["faults"] is YamlSequenceNode faultItems && faults is { } faultList)
        {
            for (var i = 0; i < faultList.Length && i < faultItems.Children.Count; i++)
            {
                var at = faultList[i] switch
                {
                    ScheduledNodeFault f => f.At,
                    ZoneOutageFault f => f.At,
                    NodeCrashFault f => f.Start,
                    TargetedNodeFault f => f.At,
                    ApiLatencySpikeFault f => f.At,
                    SchedulerOutageFault f => f.At,
                    PodCrashFault f => f.Schedule.IsEmpty ? f.Start : f.Schedule[0],
                    _ => TimeSpan.Zero,
                };
                if (at >= duration)
                {
                    var key = faultList[i] switch
                    {
                        NodeCrashFault => "start",
                        PodCrashFault { Schedule.IsEmpty: true } => "start",
                        PodCrashFault => "schedule",
                        _ => "at",
                    };
                    b.Warning(YamlLocator.Find(b.Resolve(faultItems.Children[i]), key), $"faults[{i}].{key}: {Units.Format(at)} is not before the end of the run ({Units.Format(duration)}); the fault never happens");
                }
            }
        }
    }
}
