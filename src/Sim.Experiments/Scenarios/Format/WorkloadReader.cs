using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Kubernetes.Yaml;
using Sim.Workloads;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>workloads</c>: generated Deployments and Jobs, and objects from Kubernetes manifests.</summary>
internal static class WorkloadReader
{
    private static readonly string[] Kinds = ["Deployment", "Job", "Manifests", "Trace"];

    private static readonly string[] Operators = [nameof(TolerationOperator.Equal), nameof(TolerationOperator.Exists)];

    private static FieldSet SetOf(string kind) => kind switch
    {
        "Deployment" => ScenarioFields.DeploymentWorkload,
        "Job" => ScenarioFields.JobWorkload,
        "Trace" => ScenarioFields.TraceWorkload,
        _ => ScenarioFields.ManifestsWorkload,
    };

    /// <summary>The workloads, or null after an error in any.</summary>
    public static ImmutableArray<WorkloadSpec>? ReadAll(Binder b, YamlNode node, string path)
    {
        if (b.Items(node, path, "a list of workloads") is not { } items)
        {
            return null;
        }

        var workloads = ImmutableArray.CreateBuilder<WorkloadSpec>(items.Count);
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        var objects = new Dictionary<ObjectKey, string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Read(b, items[i], $"{path}[{i}]", objects) is not { } workload)
            {
                continue;
            }

            var nameAt = YamlLocator.Find(items[i], "name");
            if (names.TryGetValue(workload.Name, out var line))
            {
                b.Error(nameAt, $"{path}[{i}].name: duplicate workload name \"{workload.Name}\" (also at line {line})");
                continue;
            }

            names[workload.Name] = nameAt.Line;
            workloads.Add(workload);
        }

        return workloads.Count == items.Count ? workloads.ToImmutable() : null;
    }

    private static WorkloadSpec? Read(Binder b, YamlNode node, string path, Dictionary<ObjectKey, string> objects)
    {
        var what = $"a workload: a mapping with name and kind ({Binder.OneOf(Kinds)})";
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
        var fields = b.Fields(node, path, SetOf(kind), what, name => Elsewhere(name, kind))!;
        var name = b.Required(fields, "name", "the workload's name, which names its objects") is { } nameNode ? Values.DnsLabel(b, nameNode, fields.PathOf("name")) : null;
        var start = fields["start"] is { } startNode ? b.Duration(startNode, fields.PathOf("start"), positive: false) : TimeSpan.Zero;
        if (kind == "Manifests")
        {
            var manifests = Manifests(b, fields, objects);
            return b.Bag.ErrorCount == errors && name is not null && start is { } s && manifests is { } list
                ? new ManifestWorkload { Name = name, Start = s, Objects = list }
                : null;
        }

        var count = fields["count"] is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, int.MaxValue) : null;
        if (kind == "Trace")
        {
            var (traceStop, traceNs, tracePriority, traceLabels) = Placement(b, fields);
            var trace = Trace(b, fields);
            return b.Bag.ErrorCount == errors && name is not null && start is { } traceStart && traceNs is not null && traceLabels is not null && trace is { } t
                ? new TraceWorkload
                {
                    Name = name,
                    Count = (int?)count,
                    Start = traceStart,
                    Stop = traceStop,
                    Namespace = traceNs,
                    PriorityClassName = tracePriority,
                    Labels = traceLabels,
                    Jobs = t.Jobs,
                    TtlAfterFinished = t.Ttl,
                }
                : null;
        }

        var arrivals = fields["arrivals"] is { } arrivalsNode ? Arrivals.Read(b, arrivalsNode, fields.PathOf("arrivals")) : ArrivalProcess.AtStart;
        if (!fields.Has("arrivals") && !fields.Has("count"))
        {
            b.Missing(fields, "count", "how many items; without arrivals they all arrive at the start");
        }

        var (stop, ns, priorityClass, labels) = Placement(b, fields);
        if (stop is { } end && start is { } begin && end <= begin)
        {
            b.Expected(fields["stop"]!, fields.PathOf("stop"), $"a time after start ({Units.Format(begin)})");
        }
        var pod = PodShape(b, fields);
        var common = name is null || start is null || ns is null || labels is null || arrivals is null
            ? null
            : new Common(name, arrivals, (int?)count, start.Value, stop, ns, priorityClass, labels);
        WorkloadSpec? workload = kind == "Deployment" ? Deployment(b, fields, pod, common) : Job(b, fields, pod, common);
        return b.Bag.ErrorCount == errors ? workload : null;
    }

    /// <summary>The keys every generated or replayed workload shares: stop, namespace, priorityClassName and labels.</summary>
    private static (TimeSpan? Stop, string? Namespace, string? PriorityClassName, ImmutableDictionary<string, string>? Labels) Placement(Binder b, Fields fields)
    {
        var stop = fields["stop"] is { } stopNode ? b.Duration(stopNode, fields.PathOf("stop"), positive: true) : null;
        var ns = fields["namespace"] is { } nsNode ? Values.DnsLabel(b, nsNode, fields.PathOf("namespace")) : "default";
        var priorityClass = fields["priorityClassName"] is { } pcNode ? b.Text(pcNode, fields.PathOf("priorityClassName"), "a PriorityClass name") : null;
        var labels = fields["labels"] is { } labelsNode
            ? Values.Labels(b, labelsNode, fields.PathOf("labels"), key => key.StartsWith("sim.", StringComparison.Ordinal) ? "keys starting with \"sim.\" are set by Sim; choose another key" : null)
            : ImmutableDictionary<string, string>.Empty;
        return (stop, ns, priorityClass, labels);
    }

    private static string? Elsewhere(string name, string kind)
    {
        var owners = Kinds.Where(k => k != kind && SetOf(k).Contains(name)).ToList();
        return owners.Count == 0 ? null : $"field \"{name}\" is not used by kind {kind} (only by {Binder.OneOf(owners).Replace(" or ", " and ", StringComparison.Ordinal)})";
    }

    private static PodShape? PodShape(Binder b, Fields fields)
    {
        var cpu = b.Required(fields, "cpu", "milli-CPU requested per pod, e.g. 500m or a distribution") is { } cpuNode ? Distributions.Read(b, cpuNode, fields.PathOf("cpu"), Unit.MilliCpu) : null;
        var memory = b.Required(fields, "memory", "memory requested per pod, e.g. 1Gi or a distribution") is { } memoryNode ? Distributions.Read(b, memoryNode, fields.PathOf("memory"), Unit.Bytes) : null;
        var gpu = fields["gpu"] is { } gpuNode ? Distributions.Read(b, gpuNode, fields.PathOf("gpu"), Unit.Gpus) : null;
        var gpuModels = fields["gpuModels"] is { } modelsNode ? GpuModels(b, modelsNode, fields.PathOf("gpuModels"), fields.Has("gpu")) : [];
        double? limitRatio = null;
        if (fields["limitRatio"] is { } ratioNode && b.Amount(ratioNode, fields.PathOf("limitRatio"), Unit.Number) is { } ratio)
        {
            if (ratio < 1)
            {
                b.Expected(ratioNode, fields.PathOf("limitRatio"), "a number of at least 1 (limits are at least the requests)");
            }

            limitRatio = ratio;
        }

        var image = fields["image"] is { } imageNode ? b.Text(imageNode, fields.PathOf("image"), "a container image name") : null;
        var selector = fields["nodeSelector"] is { } selectorNode ? Values.Labels(b, selectorNode, fields.PathOf("nodeSelector")) : ImmutableDictionary<string, string>.Empty;
        var tolerations = ImmutableArray.CreateBuilder<Toleration>();
        var tolerationsOk = true;
        if (fields["tolerations"] is { } tolerationsNode)
        {
            if (b.Items(tolerationsNode, fields.PathOf("tolerations"), "a list of tolerations") is { } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (Toleration(b, items[i], $"{fields.PathOf("tolerations")}[{i}]") is { } toleration)
                    {
                        tolerations.Add(toleration);
                    }
                    else
                    {
                        tolerationsOk = false;
                    }
                }
            }
            else
            {
                tolerationsOk = false;
            }
        }

        if (cpu is null || memory is null || fields.Has("gpu") && gpu is null || gpuModels is null || selector is null || !tolerationsOk)
        {
            return null;
        }

        return new PodShape
        {
            Cpu = cpu,
            Memory = memory,
            Gpu = gpu,
            GpuModels = gpuModels.Value,
            LimitRatio = limitRatio,
            Image = image,
            NodeSelector = selector,
            Tolerations = tolerations.ToImmutable(),
        };
    }

    /// <summary>The GPU models a pod may run on: a model name or a list of them, each a label value (the nodes' model label) without <c>|</c>.</summary>
    private static ImmutableArray<string>? GpuModels(Binder b, YamlNode node, string path, bool hasGpu)
    {
        const string What = "GPU model names (the nodes' alibabacloud.com/gpu-card-model label), e.g. [V100M16, V100M32]";
        string? Model(YamlNode item, string where)
        {
            if (b.Text(item, where, What) is not { } text)
            {
                return null;
            }

            if (text.Length == 0 || text.Contains('|', StringComparison.Ordinal) || !Cluster.Labels.LabelValidation.IsValidValue(text, out _))
            {
                b.Expected(item, where, "a GPU model name: a label value without '|', e.g. V100M32");
                return null;
            }

            return text;
        }

        ImmutableArray<string>? models = node is YamlSequenceNode ? Values.Strings(b, node, path, What, Model) : Model(node, path) is { } one ? [one] : null;
        if (models is { IsEmpty: true })
        {
            b.Error(node.Start, $"{path}: expected at least one model, got an empty list (leave gpuModels out for any model)");
            return null;
        }

        if (!hasGpu)
        {
            b.Error(node.Start, $"{path}: applies only with gpu (the GPUs each pod asks for)");
            return null;
        }

        return models;
    }

    /// <summary>A count of pods per workload item: a constant or a distribution whose mean is at most <see cref="WorkloadSpec.MaxPodsPerItem"/>.</summary>
    private static Distribution? PodCount(Binder b, YamlNode node, string path)
    {
        var count = Distributions.Read(b, node, path, Unit.Count);
        if (count is not null && count.Mean > WorkloadSpec.MaxPodsPerItem)
        {
            b.Error(node.Start, string.Create(CultureInfo.InvariantCulture, $"{path}: expected at most {WorkloadSpec.MaxPodsPerItem:N0} pods per workload item, got {(node is YamlScalarNode scalar ? $"\"{scalar.Value}\"" : $"{count}, whose mean is {count.Mean:R}")}"));
            return null;
        }

        return count;
    }

    private static DeploymentWorkload? Deployment(Binder b, Fields fields, PodShape? pod, Common? common)
    {
        var replicas = fields["replicas"] is { } replicasNode ? PodCount(b, replicasNode, fields.PathOf("replicas")) : Distribution.Constant(1);
        var lifetime = fields["lifetime"] is { } lifetimeNode ? Distributions.Read(b, lifetimeNode, fields.PathOf("lifetime"), Unit.Seconds) : null;
        var service = fields["service"] is { } serviceNode ? b.Boolean(serviceNode, fields.PathOf("service")) : true;
        var spread = fields["spreadAcrossZones"] is { } spreadNode ? b.Boolean(spreadNode, fields.PathOf("spreadAcrossZones")) : false;
        var minAvailable = fields["minAvailable"] is { } minNode ? IntOrPercent(b, minNode, fields.PathOf("minAvailable")) : null;
        if (common is null || pod is null || replicas is null || service is null || spread is null)
        {
            return null;
        }

        return new DeploymentWorkload
        {
            Name = common.Name,
            Arrivals = common.Arrivals,
            Count = common.Count,
            Start = common.Start,
            Stop = common.Stop,
            Namespace = common.Namespace,
            PriorityClassName = common.PriorityClassName,
            Labels = common.Labels,
            Pod = pod,
            Replicas = replicas,
            Lifetime = lifetime,
            Service = service.Value,
            SpreadAcrossZones = spread.Value,
            MinAvailable = minAvailable,
        };
    }

    private static JobWorkload? Job(Binder b, Fields fields, PodShape? pod, Common? common)
    {
        var parallelism = fields["parallelism"] is { } parallelismNode ? PodCount(b, parallelismNode, fields.PathOf("parallelism")) : Distribution.Constant(1);
        var completions = fields["completions"] is { } completionsNode ? PodCount(b, completionsNode, fields.PathOf("completions")) : null;
        var duration = b.Required(fields, "duration", "how long each pod runs, e.g. 10m or {exponential: {mean: 10m}}") is { } durationNode
            ? Distributions.Read(b, durationNode, fields.PathOf("duration"), Unit.Seconds)
            : null;
        var ttl = fields["ttlAfterFinished"] is { } ttlNode ? b.Duration(ttlNode, fields.PathOf("ttlAfterFinished"), positive: false) : TimeSpan.FromSeconds(60);
        if (common is null || pod is null || parallelism is null || duration is null || ttl is null)
        {
            return null;
        }

        return new JobWorkload
        {
            Name = common.Name,
            Arrivals = common.Arrivals,
            Count = common.Count,
            Start = common.Start,
            Stop = common.Stop,
            Namespace = common.Namespace,
            PriorityClassName = common.PriorityClassName,
            Labels = common.Labels,
            Pod = pod,
            Parallelism = parallelism,
            Completions = completions,
            Duration = duration,
            TtlAfterFinished = ttl.Value,
        };
    }

    private static (Func<IEnumerable<TraceJob>> Jobs, TimeSpan Ttl)? Trace(Binder b, Fields fields)
    {
        var formats = Sim.Experiments.Traces.TraceJobs.Formats;
        string? format = null;
        if (b.Required(fields, "format", $"the trace's format: {Binder.OneOf(formats)}") is { } formatNode
            && b.Text(formatNode, fields.PathOf("format"), $"one of {Binder.OneOf(formats)}") is { } formatText)
        {
            if (formats.Contains(formatText, StringComparer.Ordinal))
            {
                format = formatText;
            }
            else
            {
                b.Error(formatNode.Start, $"{fields.PathOf("format")}: unknown trace format \"{formatText}\"{Suggestions.Suggest(formatText, formats)}; expected {Binder.OneOf(formats)}");
            }
        }

        string? path = null;
        if (b.Required(fields, "file", "the trace file, relative to the scenario, e.g. ../shared/data/alibaba-v2017/batch_task.csv") is { } fileNode
            && b.Text(fileNode, fields.PathOf("file"), "a file name") is { } file)
        {
            path = b.Files.Resolve(file);
            if (!File.Exists(path))
            {
                b.Error(fileNode.Start, $"{fields.PathOf("file")}: file \"{path}\" not found");
                path = null;
            }
            else if (format is not null && FirstRowError(path) is { } error)
            {
                b.Error(fileNode.Start, $"{fields.PathOf("file")}: {error}");
                path = null;
            }
        }

        var from = fields["from"] is { } fromNode ? b.Duration(fromNode, fields.PathOf("from"), positive: false) : TimeSpan.Zero;
        var to = fields["to"] is { } toNode ? b.Duration(toNode, fields.PathOf("to"), positive: true) : null;
        if (to is { } end && from is { } begin && end <= begin)
        {
            b.Expected(fields["to"]!, fields.PathOf("to"), $"a trace time after from ({Units.Format(begin)})");
        }

        double? scale = 1;
        if (fields["instanceScale"] is { } scaleNode)
        {
            scale = b.Amount(scaleNode, fields.PathOf("instanceScale"), Unit.Number);
            if (scale is not null and (<= 0 or > 1))
            {
                b.Expected(scaleNode, fields.PathOf("instanceScale"), "a fraction in (0, 1]: the share of each task's instances to replay");
                scale = null;
            }
        }

        var maxInstances = fields["maxInstancesPerTask"] is { } maxNode ? b.Integer(maxNode, fields.PathOf("maxInstancesPerTask"), 1, int.MaxValue) : null;
        var memory = b.Required(fields, "normalizedMemory", "the memory of a machine whose normalized memory is 1, e.g. 96Gi (the trace gives memory as a fraction)") is { } memoryNode
            ? b.Amount(memoryNode, fields.PathOf("normalizedMemory"), Unit.Bytes)
            : null;
        if (memory is <= 0)
        {
            b.Expected(fields["normalizedMemory"]!, fields.PathOf("normalizedMemory"), "a positive memory quantity");
            memory = null;
        }

        var ttl = fields["ttlAfterFinished"] is { } ttlNode ? b.Duration(ttlNode, fields.PathOf("ttlAfterFinished"), positive: false) : TimeSpan.FromSeconds(60);
        if (format is null || path is null || from is null || scale is null || memory is null || ttl is null || (fields.Has("to") && to is null)
            || (fields.Has("maxInstancesPerTask") && maxInstances is null))
        {
            return null;
        }

        var jobs = Sim.Experiments.Traces.TraceJobs.Alibaba2017Batch(path, from.Value, to, scale.Value, (int?)maxInstances, (long)memory.Value);
        return (jobs, ttl.Value);
    }

    /// <summary>The first problem in the trace's header or first row, or null: a quick check at validation (the run reads the rest).</summary>
    private static string? FirstRowError(string path)
    {
        try
        {
            _ = Sim.Traces.Alibaba2017.Alibaba2017Trace.ReadBatchTasks(path).Take(1).ToList();
            return null;
        }
        catch (Sim.Traces.TraceFormatException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the trace: {e.Message}";
        }
    }

    private static ImmutableArray<ApiObject>? Manifests(Binder b, Fields fields, Dictionary<ObjectKey, string> seen)
    {
        if (b.Required(fields, "files", "Kubernetes YAML files, e.g. [app.yaml]") is not { } filesNode
            || Values.Strings(b, filesNode, fields.PathOf("files"), "file names of Kubernetes YAML") is not { } files)
        {
            return null;
        }

        if (files.IsEmpty)
        {
            b.Error(filesNode.Start, $"{fields.PathOf("files")}: expected at least one file, got an empty list");
            return null;
        }

        var items = ((YamlSequenceNode)filesNode).Children.Select(b.Resolve).ToList();
        var objects = ImmutableArray.CreateBuilder<ApiObject>();
        var ok = true;
        for (var i = 0; i < files.Length; i++)
        {
            var where = $"{fields.PathOf("files")}[{i}]";
            var resolved = b.Files.Resolve(files[i]);
            if (b.Files.Kubernetes(b, items[i], where, files[i]) is not { } read)
            {
                ok = false;
                continue;
            }

            if (read.Nodes.FirstOrDefault() is { } node)
            {
                b.Error(items[i].Start, $"{where}: \"{resolved}\" holds Node \"{node.Metadata.Name}\"; nodes go in cluster.nodes");
                ok = false;
                continue;
            }

            if (read.All.IsEmpty)
            {
                b.Error(items[i].Start, $"{where}: \"{resolved}\" holds no object that Sim simulates");
                ok = false;
                continue;
            }

            foreach (var obj in read.All)
            {
                if (seen.TryGetValue(obj.Key, out var first))
                {
                    var name = obj.Metadata.Namespace.Length == 0 ? obj.Metadata.Name : $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";
                    b.Error(items[i].Start, $"{where}: {obj.Kind} \"{name}\" in \"{resolved}\" is also in \"{first}\"");
                    ok = false;
                    continue;
                }

                seen[obj.Key] = resolved;
                objects.Add(obj);
            }
        }

        return ok ? objects.ToImmutable() : null;
    }

    private static Toleration? Toleration(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.Toleration, "a toleration: a mapping with key, operator, value, effect and tolerationSeconds") is not { } fields)
        {
            return null;
        }

        var key = fields["key"] is { } keyNode ? b.Text(keyNode, fields.PathOf("key"), "a taint key") : string.Empty;
        if (key is { Length: > 0 } && !Cluster.Labels.LabelValidation.IsValidKey(key, out var keyError))
        {
            b.Error(fields["key"]!.Start, $"{fields.PathOf("key")}: {keyError}");
        }

        var op = TolerationOperator.Equal;
        if (fields["operator"] is { } opNode && b.Text(opNode, fields.PathOf("operator"), $"{Binder.OneOf(Operators)}") is { } opText)
        {
            if (Operators.Contains(opText, StringComparer.Ordinal))
            {
                op = Enum.Parse<TolerationOperator>(opText);
            }
            else
            {
                b.Error(opNode.Start, $"{fields.PathOf("operator")}: unknown operator \"{opText}\"{Suggestions.Suggest(opText, Operators)}; expected {Binder.OneOf(Operators)}");
            }
        }

        if (key is { Length: 0 } && op != TolerationOperator.Exists && fields.Has("operator"))
        {
            b.Expected(fields["operator"]!, fields.PathOf("operator"), "Exists when key is empty (a toleration of every taint)");
        }
        else if (key is { Length: 0 } && !fields.Has("operator"))
        {
            b.Missing(fields, "key", "the taint key; or operator: Exists with no key to tolerate every taint");
        }

        var value = fields["value"] is { } valueNode ? b.Text(valueNode, fields.PathOf("value"), "a taint value") : string.Empty;
        if (value is { Length: > 0 } && op == TolerationOperator.Exists)
        {
            b.Error(fields["value"]!.Start, $"{fields.PathOf("value")}: expected no value with operator Exists, got {Scalars.Describe(fields["value"]!)}");
        }

        var effect = fields["effect"] is { } effectNode ? ClusterReader.Effect(b, effectNode, fields.PathOf("effect")) : null;
        long? seconds = fields["tolerationSeconds"] is { } secondsNode ? b.Integer(secondsNode, fields.PathOf("tolerationSeconds"), 0, long.MaxValue) : null;
        if (seconds is not null && effect is not null && effect != TaintEffect.NoExecute)
        {
            b.Error(fields["tolerationSeconds"]!.Start, $"{fields.PathOf("tolerationSeconds")}: applies only with effect NoExecute, got effect {effect}");
        }

        return b.Bag.ErrorCount == errors && key is not null && value is not null ? new Toleration(key, op, value, effect, seconds) : null;
    }

    private static IntOrPercent? IntOrPercent(Binder b, YamlNode node, string path)
    {
        const string what = "a number of pods or a percentage such as 50%";
        if (b.Text(node, path, what) is not { } text)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        var digits = percent ? text[..^1] : text;
        if (!digits.All(char.IsAsciiDigit) || digits.Length is 0 or > 9
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || percent && value > 100)
        {
            b.Expected(node, path, what);
            return null;
        }

        return percent ? Cluster.Objects.IntOrPercent.Percent(value) : Cluster.Objects.IntOrPercent.Absolute(value);
    }

    /// <summary>The fields every generated workload has.</summary>
    private sealed record Common(
        string Name,
        ArrivalProcess Arrivals,
        int? Count,
        TimeSpan Start,
        TimeSpan? Stop,
        string Namespace,
        string? PriorityClassName,
        ImmutableDictionary<string, string> Labels);
}
