using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>cluster</c>: node pools and nodes from Kubernetes YAML files.</summary>
internal static class ClusterReader
{
    /// <summary>The default <c>pods</c> of a pool node: the kubelet's default <c>maxPods</c>.</summary>
    public const long DefaultMaxPods = 110;

    /// <summary>The largest pool.</summary>
    public const int MaxPoolCount = 1_000_000;

    private static readonly string[] Effects = [nameof(TaintEffect.NoSchedule), nameof(TaintEffect.PreferNoSchedule), nameof(TaintEffect.NoExecute)];

    private static readonly string[] CommonResources = [ResourceNames.Cpu, ResourceNames.Memory, ResourceNames.Pods, ResourceNames.EphemeralStorage, ResourceNames.NvidiaGpu];

    /// <summary>The cluster, or null after an error in it.</summary>
    public static ClusterSpec? Read(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.Cluster, "a mapping with pools and nodes") is not { } fields)
        {
            return null;
        }

        var pools = ImmutableArray.CreateBuilder<NodePool>();
        var poolNames = new Dictionary<string, long>(StringComparer.Ordinal);
        if (fields["pools"] is { } poolsNode && b.Items(poolsNode, fields.PathOf("pools"), "a list of node pools") is { } poolItems)
        {
            for (var i = 0; i < poolItems.Count; i++)
            {
                if (Pool(b, poolItems[i], $"{path}.pools[{i}]") is not { } pool)
                {
                    continue;
                }

                if (poolNames.TryGetValue(pool.Name, out var line))
                {
                    b.Error(YamlLocator.Find(poolItems[i], "name"), $"{path}.pools[{i}].name: duplicate pool name \"{pool.Name}\" (also at line {line})");
                    continue;
                }

                poolNames[pool.Name] = YamlLocator.Find(poolItems[i], "name").Line;
                pools.Add(pool);
            }
        }

        var nodes = ImmutableArray.CreateBuilder<Node>();
        var filesRead = fields["nodes"] is not { } nodesNode || NodeFiles(b, nodesNode, fields.PathOf("nodes"), pools, nodes);
        if (fields["traceNodes"] is { } traceNode && TraceNodes(b, traceNode, fields.PathOf("traceNodes")) is { } machines)
        {
            var taken = nodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var machine in machines)
            {
                if (!taken.Add(machine.Metadata.Name) || PoolOf(pools, machine.Metadata.Name) is not null)
                {
                    b.Error(traceNode.Start, $"{fields.PathOf("traceNodes")}: node \"{machine.Metadata.Name}\" from the trace is also a pool's or a nodes file's node");
                    break;
                }

                nodes.Add(machine);
            }
        }
        if (b.Bag.ErrorCount != errors || !filesRead)
        {
            return null;
        }

        if (pools.Count == 0 && nodes.Count == 0)
        {
            b.Error(fields.Start, $"{path}: expected at least one node: a pool under pools, a file of Nodes under nodes, or traceNodes");
            return null;
        }

        return new ClusterSpec { Pools = pools.ToImmutable(), Nodes = nodes.ToImmutable() };
    }

    /// <summary>The pool whose nodes include <paramref name="nodeName"/> (<c>POOL-INDEX</c>), or null.</summary>
    public static NodePool? PoolOf(IEnumerable<NodePool> pools, string nodeName)
    {
        foreach (var pool in pools)
        {
            if (nodeName.Length > pool.Name.Length + 1 && nodeName.StartsWith(pool.Name + "-", StringComparison.Ordinal))
            {
                var index = nodeName.AsSpan(pool.Name.Length + 1);
                if (index.Length <= 10 && index.ToString() == (long.TryParse(index, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
                    && n >= 0 && n < pool.Count)
                {
                    return pool;
                }
            }
        }

        return null;
    }

    /// <summary>The trace formats <c>traceNodes</c> reads.</summary>
    public static readonly string[] TraceNodeFormats = ["alibaba-2017-servers"];

    /// <summary>The label a node from a trace carries with its machine id.</summary>
    public const string TraceMachineLabel = "sim.trace-machine";

    /// <summary>
    /// Nodes from a machine trace: one per machine, from its first <c>add</c> event, in file order
    /// (at most <c>count</c>), named <c>machine-ID</c>, zones round-robin.
    /// </summary>
    private static List<Node>? TraceNodes(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.TraceNodes, "a mapping with format, file and normalizedMemory") is not { } fields)
        {
            return null;
        }

        if (b.Required(fields, "format", $"the trace's format: {Binder.OneOf(TraceNodeFormats)}") is { } formatNode
            && b.Text(formatNode, fields.PathOf("format"), $"one of {Binder.OneOf(TraceNodeFormats)}") is { } format
            && !TraceNodeFormats.Contains(format, StringComparer.Ordinal))
        {
            b.Error(formatNode.Start, $"{fields.PathOf("format")}: unknown trace format \"{format}\"{Suggestions.Suggest(format, TraceNodeFormats)}; expected {Binder.OneOf(TraceNodeFormats)}");
        }

        var memory = b.Required(fields, "normalizedMemory", "the memory of a machine whose normalized memory is 1, e.g. 96Gi") is { } memoryNode
            ? b.Amount(memoryNode, fields.PathOf("normalizedMemory"), Unit.Bytes)
            : null;
        var count = fields["count"] is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, MaxPoolCount) : null;
        var pods = fields["pods"] is { } podsNode ? b.Integer(podsNode, fields.PathOf("pods"), 1, 1_000_000) : DefaultMaxPods;
        var zones = fields["zones"] is { } zonesNode ? Values.Strings(b, zonesNode, fields.PathOf("zones"), "zone names", (n, p) => LabelValue(b, n, p)) : [];
        var fileNode = b.Required(fields, "file", "the machine events file, relative to the scenario");
        var file = fileNode is null ? null : b.Text(fileNode, fields.PathOf("file"), "a file name");
        if (b.Bag.ErrorCount != errors || file is null || memory is not { } bytes || pods is null || zones is null)
        {
            return null;
        }

        var resolved = b.Files.Resolve(file);
        if (!File.Exists(resolved))
        {
            b.Error(fileNode!.Start, $"{fields.PathOf("file")}: file \"{resolved}\" not found");
            return null;
        }

        var machines = new List<Node>();
        var seen = new HashSet<long>();
        try
        {
            foreach (var e in Sim.Traces.Alibaba2017.Alibaba2017Trace.ReadServerEvents(resolved))
            {
                if (e.Type != Sim.Traces.Alibaba2017.ServerEventType.Add || e.Cpus is not > 0 || e.NormalizedMemory is not > 0 || !seen.Add(e.MachineId))
                {
                    continue;
                }

                var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"machine-{e.MachineId}");
                var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                    new KeyValuePair<string, string>(Node.HostnameLabel, name),
                    new KeyValuePair<string, string>(TraceMachineLabel, e.MachineId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ]);
                if (!zones.Value.IsEmpty)
                {
                    labels = labels.SetItem(Node.ZoneLabel, zones.Value[machines.Count % zones.Value.Length]);
                }

                var allocatable = ResourceList.Builder().Cpu(e.Cpus.Value * 1000L).Memory((long)Math.Floor(e.NormalizedMemory.Value * bytes)).Pods(pods.Value).Build();
                machines.Add(new Node
                {
                    Metadata = new Sim.Cluster.Api.ObjectMeta { Name = name, Labels = labels },
                    Status = new NodeStatus { Capacity = allocatable, Allocatable = allocatable },
                });
                if (count is { } n && machines.Count >= n)
                {
                    break;
                }
            }
        }
        catch (Sim.Traces.TraceFormatException e)
        {
            b.Error(fileNode!.Start, $"{fields.PathOf("file")}: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            b.Error(fileNode!.Start, $"{fields.PathOf("file")}: cannot read the trace: {e.Message}");
            return null;
        }

        if (machines.Count == 0)
        {
            b.Error(fileNode!.Start, $"{fields.PathOf("file")}: \"{resolved}\" has no add event with CPUs and memory");
            return null;
        }

        return machines;
    }

    /// <summary><c>general-0 … general-299</c>.</summary>
    public static string Range(NodePool pool) => pool.Count == 1 ? $"{pool.Name}-0" : $"{pool.Name}-0 … {pool.Name}-{pool.Count - 1}";

    private static NodePool? Pool(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.Pool, "a node pool: a mapping with name, count and allocatable") is not { } fields)
        {
            return null;
        }

        var name = b.Required(fields, "name", "the pool's name, which prefixes its nodes' names") is { } nameNode ? Values.DnsLabel(b, nameNode, fields.PathOf("name")) : null;
        var count = b.Required(fields, "count", "how many nodes, e.g. 100") is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, MaxPoolCount) : null;
        var allocatable = b.Required(fields, "allocatable", "each node's resources, e.g. {cpu: \"16\", memory: 64Gi}") is { } allocatableNode
            ? Allocatable(b, allocatableNode, fields.PathOf("allocatable"))
            : null;
        var zones = fields["zones"] is { } zonesNode ? Values.Strings(b, zonesNode, fields.PathOf("zones"), "zone names", (n, p) => LabelValue(b, n, p)) : [];
        var region = fields["region"] is { } regionNode ? LabelValue(b, regionNode, fields.PathOf("region")) : null;
        var instanceType = fields["instanceType"] is { } typeNode ? LabelValue(b, typeNode, fields.PathOf("instanceType")) : null;
        var labels = fields["labels"] is { } labelsNode ? Values.Labels(b, labelsNode, fields.PathOf("labels"), ReservedNodeLabel) : ImmutableDictionary<string, string>.Empty;
        var taints = ImmutableArray.CreateBuilder<Taint>();
        if (fields["taints"] is { } taintsNode && b.Items(taintsNode, fields.PathOf("taints"), "a list of taints") is { } taintItems)
        {
            for (var i = 0; i < taintItems.Count; i++)
            {
                if (Taint(b, taintItems[i], $"{fields.PathOf("taints")}[{i}]") is { } taint)
                {
                    taints.Add(taint);
                }
            }
        }

        if (b.Bag.ErrorCount != errors || name is null || count is null || allocatable is null || zones is null || labels is null)
        {
            return null;
        }

        return new NodePool
        {
            Name = name,
            Count = (int)count,
            Allocatable = allocatable,
            Zones = zones.Value,
            Region = region,
            InstanceType = instanceType,
            Labels = labels,
            Taints = taints.ToImmutable(),
        };
    }

    private static string? ReservedNodeLabel(string key) => key switch
    {
        "sim.pool" => "set from the pool's name; choose another key",
        Node.ZoneLabel => "set by zones; use zones instead",
        Node.RegionLabel => "set by region; use region instead",
        Node.InstanceTypeLabel => "set by instanceType; use instanceType instead",
        _ => null,
    };

    private static string? LabelValue(Binder b, YamlNode node, string path)
    {
        if (b.Text(node, path, "a label value") is not { } text)
        {
            return null;
        }

        if (!Cluster.Labels.LabelValidation.IsValidValue(text, out var error) || text.Length == 0)
        {
            b.Error(node.Start, $"{path}: {(text.Length == 0 ? "expected a non-empty label value" : error)}");
            return null;
        }

        return text;
    }

    private static ResourceList? Allocatable(Binder b, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            b.Expected(node, path, "a mapping of resource names to quantities, e.g. {cpu: \"16\", memory: 64Gi, pods: 110}");
            return null;
        }

        var amounts = new List<KeyValuePair<string, string>>();
        var ok = true;
        foreach (var (keyNode, raw) in mapping.Children)
        {
            var value = b.Resolve(raw);
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                b.Expected(keyNode, path, "a resource name");
                ok = false;
                continue;
            }

            var where = $"{path}[{name}]";
            if (!IsResourceName(name))
            {
                b.Error(keyNode.Start, $"{where}: unknown resource \"{name}\"{Suggestions.Suggest(name, CommonResources)}; expected cpu, memory, pods, ephemeral-storage, hugepages-<size> or an extended resource with a domain, e.g. nvidia.com/gpu");
                ok = false;
                continue;
            }

            if (b.Text(value, where, "a quantity such as 16, 64Gi or 500m") is not { } text)
            {
                ok = false;
                continue;
            }

            if (!ResourceList.TryParse([new(name, text)], path, out var single, out var errors))
            {
                b.Error(value.Start, errors[0]);
                ok = false;
                continue;
            }

            if (name is ResourceNames.Cpu or ResourceNames.Memory or ResourceNames.Pods && single[name] == 0)
            {
                b.Expected(value, where, "a positive amount");
                ok = false;
                continue;
            }

            amounts.Add(new(name, text));
        }

        foreach (var required in new[] { ResourceNames.Cpu, ResourceNames.Memory })
        {
            if (ok && !amounts.Any(a => a.Key == required))
            {
                b.Error(mapping.Start, $"{path}: missing required resource \"{required}\" (e.g. {(required == ResourceNames.Cpu ? "cpu: \"16\"" : "memory: 64Gi")})");
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        if (!amounts.Any(a => a.Key == ResourceNames.Pods))
        {
            amounts.Add(new(ResourceNames.Pods, DefaultMaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return ResourceList.TryParse(amounts, path, out var list, out _) ? list : null;
    }

    private static bool IsResourceName(string name) =>
        name is ResourceNames.Cpu or ResourceNames.Memory or ResourceNames.Pods or ResourceNames.EphemeralStorage
        || name.StartsWith(ResourceNames.HugePagesPrefix, StringComparison.Ordinal) && name.Length > ResourceNames.HugePagesPrefix.Length
        || ResourceNames.IsExtended(name) && Cluster.Labels.LabelValidation.IsValidKey(name, out _);

    private static Taint? Taint(Binder b, YamlNode node, string path)
    {
        if (b.Fields(node, path, ScenarioFields.Taint, "a taint: a mapping with key, value and effect") is not { } fields)
        {
            return null;
        }

        string? key = null;
        if (b.Required(fields, "key", "the taint's key") is { } keyNode && b.Text(keyNode, fields.PathOf("key"), "a taint key") is { } keyText)
        {
            if (Cluster.Labels.LabelValidation.IsValidKey(keyText, out var error))
            {
                key = keyText;
            }
            else
            {
                b.Error(keyNode.Start, $"{fields.PathOf("key")}: {error}");
            }
        }

        var value = string.Empty;
        if (fields["value"] is { } valueNode && b.Text(valueNode, fields.PathOf("value"), "a taint value") is { } valueText)
        {
            if (Cluster.Labels.LabelValidation.IsValidValue(valueText, out var error))
            {
                value = valueText;
            }
            else
            {
                b.Error(valueNode.Start, $"{fields.PathOf("value")}: {error}");
            }
        }

        var effect = b.Required(fields, "effect", $"one of {Binder.OneOf(Effects)}") is { } effectNode ? Effect(b, effectNode, fields.PathOf("effect")) : null;
        return key is not null && effect is { } e ? new Taint(key, value, e) : null;
    }

    /// <summary>A taint effect by its Kubernetes name.</summary>
    public static TaintEffect? Effect(Binder b, YamlNode node, string path)
    {
        if (b.Text(node, path, $"one of {Binder.OneOf(Effects)}") is not { } text)
        {
            return null;
        }

        if (Effects.Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<TaintEffect>(text);
        }

        b.Error(node.Start, $"{path}: unknown effect \"{text}\"{Suggestions.Suggest(text, Effects)}; expected {Binder.OneOf(Effects)}");
        return null;
    }

    /// <summary>Adds the nodes of the files; false when a file could not be read or had errors (reported in it).</summary>
    private static bool NodeFiles(Binder b, YamlNode node, string path, ImmutableArray<NodePool>.Builder pools, ImmutableArray<Node>.Builder nodes)
    {
        if (Values.Strings(b, node, path, "file names of Kubernetes YAML with Nodes") is not { } files)
        {
            return false;
        }

        var ok = true;
        var items = ((YamlSequenceNode)node).Children.Select(b.Resolve).ToList();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Length; i++)
        {
            var where = $"{path}[{i}]";
            var resolved = b.Files.Resolve(files[i]);
            if (b.Files.Kubernetes(b, items[i], where, files[i]) is not { } objects)
            {
                ok = false;
                continue;
            }

            if (objects.All.FirstOrDefault(o => o is not Node) is { } other)
            {
                b.Error(items[i].Start, $"{where}: \"{resolved}\" holds a {other.Kind} (\"{other.Metadata.Name}\"); a nodes file holds only Nodes (other objects go in a workload of kind Manifests)");
                continue;
            }

            if (objects.All.IsEmpty)
            {
                b.Error(items[i].Start, $"{where}: \"{resolved}\" holds no Nodes");
                continue;
            }

            foreach (var n in objects.Nodes)
            {
                var name = n.Metadata.Name;
                if (seen.TryGetValue(name, out var first))
                {
                    b.Error(items[i].Start, $"{where}: node \"{name}\" in \"{resolved}\" is also in \"{first}\"");
                    continue;
                }

                if (PoolOf(pools, name) is { } pool)
                {
                    b.Error(items[i].Start, $"{where}: node \"{name}\" in \"{resolved}\" has the name of a node of pool {pool.Name} ({Range(pool)})");
                    continue;
                }

                seen[name] = resolved;
                nodes.Add(n);
            }
        }

        return ok;
    }
}
