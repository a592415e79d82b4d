using System.Collections.Immutable;
using Sim.Faults;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Reads <c>faults</c>: node crashes drawn per node, named nodes failing at a time, zone outages,
/// network partitions, container crashes, drains, rolling upgrades, API latency spikes, scheduler
/// outages and machine events replayed from a trace.
/// </summary>
internal static partial class FaultReader
{
    private static readonly string[] Kinds =
        ["NodeCrash", "NodeFailure", "ZoneOutage", "KubeletPartition", "PodCrash", "Drain", "RollingUpgrade", "ApiLatencySpike", "SchedulerOutage", "ServerEventReplay"];

    private static FieldSet SetOf(string kind) => kind switch
    {
        "NodeCrash" => ScenarioFields.NodeCrashFault,
        "NodeFailure" => ScenarioFields.NodeFailureFault,
        "ZoneOutage" => ScenarioFields.ZoneOutageFault,
        "KubeletPartition" => ScenarioFields.KubeletPartitionFault,
        "PodCrash" => ScenarioFields.PodCrashFault,
        "Drain" => ScenarioFields.DrainFault,
        "RollingUpgrade" => ScenarioFields.RollingUpgradeFault,
        "ApiLatencySpike" => ScenarioFields.ApiLatencySpikeFault,
        "SchedulerOutage" => ScenarioFields.SchedulerOutageFault,
        _ => ScenarioFields.ServerEventReplayFault,
    };

    /// <summary>The faults, or null after an error in any. With <paramref name="cluster"/>, zones and node names are checked against it.</summary>
    public static ImmutableArray<FaultSpec>? ReadAll(Binder b, YamlNode node, string path, ClusterSpec? cluster)
    {
        if (b.Items(node, path, "a list of faults") is not { } items)
        {
            return null;
        }

        var faults = ImmutableArray.CreateBuilder<FaultSpec>(items.Count);
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (Read(b, items[i], $"{path}[{i}]", cluster) is not { } fault)
            {
                continue;
            }

            var nameAt = YamlLocator.Find(items[i], "name");
            if (names.TryGetValue(fault.Name, out var line))
            {
                b.Error(nameAt, $"{path}[{i}].name: duplicate fault name \"{fault.Name}\" (also at line {line})");
                continue;
            }

            names[fault.Name] = nameAt.Line;
            faults.Add(fault);
        }

        return faults.Count == items.Count ? faults.ToImmutable() : null;
    }

    private static FaultSpec? Read(Binder b, YamlNode node, string path, ClusterSpec? cluster)
    {
        var what = $"a fault: a mapping with name and kind ({Binder.OneOf(Kinds)})";
        if (node is not YamlMappingNode mapping)
        {
            b.Expected(node, path, what);
            return null;
        }

        var kindEntry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "kind" });
        var kindNode = kindEntry.Value is null ? null : b.Resolve(kindEntry.Value);
        if (kindNode is null || Scalars.IsNull(kindNode))
        {
            b.Error(mapping.Start, $"{path}: missing required field \"kind\" (one of {Binder.OneOf(Kinds)})");
            return null;
        }

        if (b.Text(kindNode, $"{path}.kind", $"one of {Binder.OneOf(Kinds)}") is not { } kind)
        {
            return null;
        }

        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            b.Error(kindNode.Start, $"{path}.kind: unknown kind \"{kind}\"{Suggestions.Suggest(kind, Kinds)}; expected {Binder.OneOf(Kinds)}");
            return null;
        }

        var errors = b.Bag.ErrorCount;
        var fields = b.Fields(node, path, SetOf(kind), what, name =>
        {
            var owners = Kinds.Where(k => k != kind && SetOf(k).Contains(name)).ToList();
            return owners.Count == 0 ? null : $"field \"{name}\" is not used by kind {kind} (only by {Binder.OneOf(owners).Replace(" or ", " and ", StringComparison.Ordinal)})";
        })!;
        var name = b.Required(fields, "name", "the fault's name") is { } nameNode ? b.Text(nameNode, fields.PathOf("name"), "a name") : null;
        FaultSpec? fault = kind switch
        {
            "NodeCrash" => NodeCrash(b, fields),
            "NodeFailure" => NodeFailure(b, fields, cluster),
            "ZoneOutage" => ZoneOutage(b, fields, cluster),
            "KubeletPartition" => KubeletPartition(b, fields, cluster),
            "PodCrash" => PodCrash(b, fields),
            "Drain" => Drain(b, fields, cluster),
            "RollingUpgrade" => RollingUpgrade(b, fields, cluster),
            "ApiLatencySpike" => ApiLatencySpike(b, fields),
            "SchedulerOutage" => SchedulerOutage(b, fields),
            _ => ServerEventReplay(b, fields),
        };
        return b.Bag.ErrorCount == errors && name is not null && fault is not null ? fault with { Name = name } : null;
    }

    private static NodeCrashFault? NodeCrash(Binder b, Fields fields)
    {
        var ttf = b.Required(fields, "timeToFailure", "how long a node runs before it crashes, e.g. {exponential: {mean: 24h}}") is { } ttfNode
            ? Distributions.Read(b, ttfNode, fields.PathOf("timeToFailure"), Unit.Seconds)
            : null;
        var ttr = fields["timeToRecover"] is { } ttrNode ? Distributions.Read(b, ttrNode, fields.PathOf("timeToRecover"), Unit.Seconds) : null;
        var selector = fields["nodeSelector"] is { } selectorNode ? Values.Labels(b, selectorNode, fields.PathOf("nodeSelector")) : ImmutableDictionary<string, string>.Empty;
        var start = fields["start"] is { } startNode ? b.Duration(startNode, fields.PathOf("start"), positive: false) : TimeSpan.Zero;
        var stop = OptionalDuration(b, fields, "stop");
        if (ttf is not null && ttf.Mean <= 0)
        {
            b.Error(fields["timeToFailure"]!.Start, $"{fields.PathOf("timeToFailure")}: expected a positive mean time to failure, got {ttf}");
            return null;
        }

        if (start is { } s && stop.Value is { } e && e <= s)
        {
            b.Error(fields["stop"]!.Start, $"{fields.PathOf("stop")}: expected a time after start ({Units.Format(s)}), got {Units.Format(e)}");
            return null;
        }

        return ttf is not null && selector is not null && start is not null && stop.Ok
            ? new NodeCrashFault { Name = string.Empty, TimeToFailure = ttf, TimeToRecover = ttr, NodeSelector = selector, Start = start.Value, Stop = stop.Value }
            : null;
    }

    private static ScheduledNodeFault? NodeFailure(Binder b, Fields fields, ClusterSpec? cluster)
    {
        var nodesNode = b.Required(fields, "nodes", "the names of the nodes that fail, e.g. [general-0]");
        var nodes = nodesNode is null ? null : Values.Strings(b, nodesNode, fields.PathOf("nodes"), "node names");
        if (nodes is { IsEmpty: true })
        {
            b.Error(nodesNode!.Start, $"{fields.PathOf("nodes")}: expected at least one node, got an empty list");
            nodes = null;
        }

        if (nodes is { } names)
        {
            CheckNodes(b, fields, nodesNode!, names, cluster);
        }

        var at = b.Required(fields, "at", "when the nodes fail, e.g. 30m") is { } atNode ? b.Duration(atNode, fields.PathOf("at"), positive: false) : null;
        var duration = fields["duration"] is { } durationNode ? b.Duration(durationNode, fields.PathOf("duration"), positive: true) : null;
        return nodes is not null && at is not null && (duration is not null || !fields.Has("duration"))
            ? new ScheduledNodeFault { Name = string.Empty, Nodes = nodes.Value, At = at.Value, Duration = duration }
            : null;
    }

    private static ZoneOutageFault? ZoneOutage(Binder b, Fields fields, ClusterSpec? cluster)
    {
        var zoneNode = b.Required(fields, "zone", "the zone that goes down");
        var zone = zoneNode is null ? null : b.Text(zoneNode, fields.PathOf("zone"), "a zone name");
        if (zone is not null && cluster is not null)
        {
            var zones = cluster.Pools.SelectMany(p => p.Zones)
                .Concat(cluster.Nodes.Select(n => n.Metadata.Labels.GetValueOrDefault(Cluster.Objects.Node.ZoneLabel)).OfType<string>())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (!zones.Contains(zone, StringComparer.Ordinal))
            {
                b.Error(zoneNode!.Start, zones.Count == 0
                    ? $"{fields.PathOf("zone")}: no node is in zone \"{zone}\"; the cluster's nodes have no zone (set zones on a pool)"
                    : $"{fields.PathOf("zone")}: no node is in zone \"{zone}\"{Suggestions.Suggest(zone, zones)}; the cluster's zones are {string.Join(", ", zones)}");
                zone = null;
            }
        }

        var at = b.Required(fields, "at", "when the zone goes down, e.g. 1h") is { } atNode ? b.Duration(atNode, fields.PathOf("at"), positive: false) : null;
        var duration = fields["duration"] is { } durationNode ? b.Duration(durationNode, fields.PathOf("duration"), positive: true) : null;
        return zone is not null && at is not null && (duration is not null || !fields.Has("duration"))
            ? new ZoneOutageFault { Name = string.Empty, Zone = zone, At = at.Value, Duration = duration }
            : null;
    }

    /// <summary>Reports each name that is no node of <paramref name="cluster"/> (when known).</summary>
    private static void CheckNodes(Binder b, Fields fields, YamlNode nodesNode, ImmutableArray<string> names, ClusterSpec? cluster)
    {
        if (cluster is null)
        {
            return;
        }

        var items = ((YamlSequenceNode)b.Resolve(nodesNode)).Children.Select(b.Resolve).ToList();
        var fileNodes = cluster.Nodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!fileNodes.Contains(names[i]) && ClusterReader.PoolOf(cluster.Pools, names[i]) is null)
            {
                var pools = cluster.Pools.IsEmpty ? string.Empty : $"; pool nodes are {string.Join(", ", cluster.Pools.Select(ClusterReader.Range))}";
                b.Error(items[i].Start, $"{fields.PathOf("nodes")}[{i}]: no node \"{names[i]}\" in the cluster{pools}");
            }
        }
    }
}
