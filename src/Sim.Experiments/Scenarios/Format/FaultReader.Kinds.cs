using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Faults;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>The fault kinds beyond node crashes and outages: partitions, container crashes, drains, upgrades and control-plane faults.</summary>
internal static partial class FaultReader
{
    /// <summary>The targets of a node fault: <c>nodes</c>, or <c>count</c> and/or <c>nodeSelector</c>.</summary>
    private readonly record struct NodeTargets(ImmutableArray<string> Nodes, int? Count, ImmutableDictionary<string, string> Selector);

    private static NodeTargets? Targets(Binder b, Fields fields, ClusterSpec? cluster, bool required)
    {
        ImmutableArray<string>? nodes = [];
        if (fields["nodes"] is { } nodesNode)
        {
            nodes = Values.Strings(b, nodesNode, fields.PathOf("nodes"), "node names");
            if (nodes is { IsEmpty: true })
            {
                b.Error(nodesNode.Start, $"{fields.PathOf("nodes")}: expected at least one node, got an empty list");
                nodes = null;
            }
            else if (nodes is { } names)
            {
                CheckNodes(b, fields, nodesNode, names, cluster);
            }
        }

        var count = fields["count"] is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, 1_000_000) : 0;
        var selector = fields["nodeSelector"] is { } selectorNode ? Values.Labels(b, selectorNode, fields.PathOf("nodeSelector")) : ImmutableDictionary<string, string>.Empty;
        if (fields.Has("nodes") && (fields.Has("count") || fields.Has("nodeSelector")))
        {
            b.Error(fields["nodes"]!.Start, $"{fields.PathOf("nodes")}: give either nodes or count and/or nodeSelector, not both");
            return null;
        }

        if (required && !fields.Has("nodes") && !fields.Has("count") && !fields.Has("nodeSelector"))
        {
            b.Error(fields.Start, $"{fields.Path}: missing the nodes: give nodes (names), or count (drawn at random) and/or nodeSelector");
            return null;
        }

        return nodes is null || count is null || selector is null ? null : new NodeTargets(nodes.Value, fields.Has("count") ? (int)count.Value : null, selector);
    }

    private static TimeSpan? At(Binder b, Fields fields, string example) =>
        b.Required(fields, "at", example) is { } atNode ? b.Duration(atNode, fields.PathOf("at"), positive: false) : null;

    /// <summary>The optional positive <c>duration</c>: (true, value or null) when well formed.</summary>
    private static (bool Ok, TimeSpan? Value) OptionalDuration(Binder b, Fields fields, string name)
    {
        if (fields[name] is not { } node)
        {
            return (true, null);
        }

        var value = b.Duration(node, fields.PathOf(name), positive: true);
        return (value is not null, value);
    }

    private static KubeletPartitionFault? KubeletPartition(Binder b, Fields fields, ClusterSpec? cluster)
    {
        var targets = Targets(b, fields, cluster, required: true);
        var at = At(b, fields, "when the partition starts, e.g. 30m");
        var duration = OptionalDuration(b, fields, "duration");
        return targets is { } t && at is not null && duration.Ok
            ? new KubeletPartitionFault { Name = string.Empty, Nodes = t.Nodes, Count = t.Count, NodeSelector = t.Selector, At = at.Value, Duration = duration.Value }
            : null;
    }

    private static DrainFault? Drain(Binder b, Fields fields, ClusterSpec? cluster)
    {
        var targets = Targets(b, fields, cluster, required: true);
        var at = At(b, fields, "when the drain starts, e.g. 1h");
        var duration = OptionalDuration(b, fields, "duration");
        var retry = OptionalDuration(b, fields, "retryInterval");
        return targets is { } t && at is not null && duration.Ok && retry.Ok
            ? new DrainFault
            {
                Name = string.Empty,
                Nodes = t.Nodes,
                Count = t.Count,
                NodeSelector = t.Selector,
                At = at.Value,
                Duration = duration.Value,
                RetryInterval = retry.Value ?? TimeSpan.FromSeconds(5),
            }
            : null;
    }

    private static RollingUpgradeFault? RollingUpgrade(Binder b, Fields fields, ClusterSpec? cluster)
    {
        var targets = Targets(b, fields, cluster, required: false);
        var at = At(b, fields, "when the upgrade starts, e.g. 1h");
        var upgrade = b.Required(fields, "upgradeTime", "how long each node is down for its upgrade, e.g. 5m") is { } upgradeNode
            ? b.Duration(upgradeNode, fields.PathOf("upgradeTime"), positive: false)
            : null;
        var retry = OptionalDuration(b, fields, "retryInterval");
        return targets is { } t && at is not null && upgrade is not null && retry.Ok
            ? new RollingUpgradeFault
            {
                Name = string.Empty,
                Nodes = t.Nodes,
                Count = t.Count,
                NodeSelector = t.Selector,
                At = at.Value,
                UpgradeTime = upgrade.Value,
                RetryInterval = retry.Value ?? TimeSpan.FromSeconds(5),
            }
            : null;
    }

    private static PodCrashFault? PodCrash(Binder b, Fields fields)
    {
        var selector = LabelSelector.Everything;
        var selectorOk = true;
        if (fields["selector"] is { } selectorNode)
        {
            if (b.Text(selectorNode, fields.PathOf("selector"), "a label selector such as app=web or 'tier in (web, api)'") is { } text)
            {
                if (LabelSelector.TryParse(text, out var parsed, out var error))
                {
                    selector = parsed;
                }
                else
                {
                    b.Error(selectorNode.Start, $"{fields.PathOf("selector")}: {error}");
                    selectorOk = false;
                }
            }
            else
            {
                selectorOk = false;
            }
        }

        var ns = fields["namespace"] is { } nsNode ? Values.DnsLabel(b, nsNode, fields.PathOf("namespace")) : null;
        var between = fields["timeBetweenCrashes"] is { } betweenNode ? Distributions.Read(b, betweenNode, fields.PathOf("timeBetweenCrashes"), Unit.Seconds) : null;
        if (between is not null && !(between.Mean > 0))
        {
            b.Error(fields["timeBetweenCrashes"]!.Start, $"{fields.PathOf("timeBetweenCrashes")}: expected a positive mean time between crashes, got {between}");
            between = null;
        }

        var schedule = ImmutableArray<TimeSpan>.Empty;
        var scheduleOk = true;
        if (fields["schedule"] is { } scheduleNode)
        {
            scheduleOk = false;
            if (b.Items(scheduleNode, fields.PathOf("schedule"), "a list of durations, e.g. [10m, 1h]") is { } items)
            {
                var times = items.Select((item, i) => b.Duration(item, $"{fields.PathOf("schedule")}[{i}]", positive: false)).ToList();
                if (items.Count == 0)
                {
                    b.Error(scheduleNode.Start, $"{fields.PathOf("schedule")}: expected at least one time, got an empty list");
                }
                else if (times.All(t => t is not null))
                {
                    schedule = [.. times.Select(t => t!.Value).Order()];
                    scheduleOk = true;
                }
            }
        }

        var count = fields["count"] is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, 1_000_000) : 0;
        var start = fields["start"] is { } startNode ? b.Duration(startNode, fields.PathOf("start"), positive: false) : TimeSpan.Zero;
        var stop = OptionalDuration(b, fields, "stop");
        if (fields.Has("timeBetweenCrashes") == fields.Has("schedule"))
        {
            b.Error(fields.Start, $"{fields.Path}: give either timeBetweenCrashes (crashes at random per pod) or schedule (crashes at given times), not {(fields.Has("schedule") ? "both" : "neither")}");
            return null;
        }

        if (fields.Has("count") && !fields.Has("schedule"))
        {
            b.Error(fields["count"]!.Start, $"{fields.PathOf("count")}: a count goes with a schedule (how many pods crash each time)");
            return null;
        }

        if (start is { } s && stop.Value is { } e && e <= s)
        {
            b.Error(fields["stop"]!.Start, $"{fields.PathOf("stop")}: expected a time after start ({Units.Format(s)}), got {Units.Format(e)}");
            return null;
        }

        return selectorOk && (ns is not null || !fields.Has("namespace")) && (between is not null || !fields.Has("timeBetweenCrashes")) && scheduleOk
            && count is not null && start is not null && stop.Ok
            ? new PodCrashFault
            {
                Name = string.Empty,
                Selector = selector,
                Namespace = ns,
                TimeBetweenCrashes = between,
                Schedule = schedule,
                Count = fields.Has("count") ? (int)count.Value : null,
                Start = start.Value,
                Stop = stop.Value,
            }
            : null;
    }

    private static ApiLatencySpikeFault? ApiLatencySpike(Binder b, Fields fields)
    {
        var at = At(b, fields, "when the spike starts, e.g. 30m");
        var duration = b.Required(fields, "duration", "how long the spike lasts, e.g. 5m") is { } durationNode ? b.Duration(durationNode, fields.PathOf("duration"), positive: true) : null;
        double? factor = null;
        if (fields["factor"] is { } factorNode && b.Amount(factorNode, fields.PathOf("factor"), Unit.Count) is { } value)
        {
            factor = value;
        }

        var latency = fields["latency"] is { } latencyNode ? b.Duration(latencyNode, fields.PathOf("latency"), positive: false) : null;
        if (fields.Has("factor") == fields.Has("latency"))
        {
            b.Error(fields.Start, $"{fields.Path}: give either factor (multiplies the watch latency) or latency (replaces it), not {(fields.Has("factor") ? "both" : "neither")}");
            return null;
        }

        return at is not null && duration is not null && (factor is not null || latency is not null)
            ? new ApiLatencySpikeFault { Name = string.Empty, At = at.Value, Duration = duration.Value, Factor = factor, Latency = latency }
            : null;
    }

    private static SchedulerOutageFault? SchedulerOutage(Binder b, Fields fields)
    {
        var at = At(b, fields, "when the scheduler stops, e.g. 30m");
        var duration = OptionalDuration(b, fields, "duration");
        return at is not null && duration.Ok ? new SchedulerOutageFault { Name = string.Empty, At = at.Value, Duration = duration.Value } : null;
    }

    private static readonly string[] Mappings = ["fold", "truncate", "label"];

    private static ServerEventReplayFault? ServerEventReplay(Binder b, Fields fields)
    {
        ImmutableArray<MachineEvent>? events = null;
        if (b.Required(fields, "file", "the trace's server_event.csv, relative to the scenario, e.g. ../../shared/data/alibaba-v2017/server_event.csv") is { } fileNode
            && b.Text(fileNode, fields.PathOf("file"), "a file name") is { } file)
        {
            var path = b.Files.Resolve(file);
            if (!File.Exists(path))
            {
                b.Error(fileNode.Start, $"{fields.PathOf("file")}: file \"{path}\" not found");
            }
            else
            {
                // The file is small (1,352 rows for the 2017 trace): read it whole here, so a bad row is a validation error.
                try
                {
                    events = Traces.ServerEventFaults.Alibaba2017(Sim.Traces.Alibaba2017.Alibaba2017Trace.ReadServerEvents(path));
                }
                catch (Sim.Traces.TraceFormatException e)
                {
                    b.Error(fileNode.Start, $"{fields.PathOf("file")}: {e.Message}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    b.Error(fileNode.Start, $"{fields.PathOf("file")}: cannot read the trace: {e.Message}");
                }
            }
        }

        var from = fields["from"] is { } fromNode ? b.Duration(fromNode, fields.PathOf("from"), positive: false) : TimeSpan.Zero;
        var to = OptionalDuration(b, fields, "to");
        if (to.Value is { } end && from is { } begin && end <= begin)
        {
            b.Expected(fields["to"]!, fields.PathOf("to"), $"a trace time after from ({Units.Format(begin)})");
            to = (false, null);
        }

        var recover = OptionalDuration(b, fields, "recoverAfter");
        var mapping = MachineMapping.Fold;
        var mappingOk = true;
        if (fields["mapping"] is { } mappingNode)
        {
            var text = b.Text(mappingNode, fields.PathOf("mapping"), $"one of {Binder.OneOf(Mappings)}");
            mappingOk = text is not null && Mappings.Contains(text, StringComparer.Ordinal);
            if (text is not null && !mappingOk)
            {
                b.Error(mappingNode.Start, $"{fields.PathOf("mapping")}: unknown mapping \"{text}\"{Suggestions.Suggest(text, Mappings)}; expected {Binder.OneOf(Mappings)}");
            }

            mapping = text switch
            {
                "truncate" => MachineMapping.Truncate,
                "label" => MachineMapping.Label,
                _ => MachineMapping.Fold,
            };
        }

        return events is { } e2 && from is not null && to.Ok && recover.Ok && mappingOk
            ? new ServerEventReplayFault
            {
                Name = string.Empty,
                Events = e2,
                From = from.Value,
                To = to.Value,
                RecoverAfter = recover.Value ?? TimeSpan.FromMinutes(10),
                Mapping = mapping,
            }
            : null;
    }
}
