using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects;

/// <summary>
/// A subset of the API server's validation (<c>pkg/apis/core/validation</c>), with upstream's field
/// paths: names, labels and selectors, containers, tolerations, requests within limits, replica
/// counts, selectors that match their templates, service ports, Jobs' counts and restart policy. An
/// invalid object is refused with every problem named; nothing is written and the run goes on.
/// </summary>
public static class ObjectValidation
{
    /// <summary>Installs the validation of every kind the model knows on <paramref name="api"/>.</summary>
    public static void Register(ApiServer api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var pods = new PodValidation();
        api.SetValidation(Pod.KindName, obj => pods.Validate((Pod)obj));
        api.SetValidation(ReplicationController.KindName, obj => Validate((ReplicationController)obj));
        api.SetValidation(Service.KindName, obj => Validate((Service)obj));
        api.SetValidation(Node.KindName, obj => Metadata(obj.Metadata, [], namespaced: false));
        api.SetValidation(PodDisruptionBudget.KindName, obj => Validate((PodDisruptionBudget)obj));
        api.SetValidation(Job.KindName, obj => Validate((Job)obj));
    }

    /// <summary>
    /// Every problem of a Job (upstream's <c>ValidateJobSpec</c>, in part): counts not negative, a
    /// restart policy of OnFailure or Never, and its pod template.
    /// </summary>
    public static IReadOnlyList<string> Validate(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var problems = new List<string>();
        Metadata(job.Metadata, problems, namespaced: true);
        var spec = job.Spec;
        foreach (var (field, value) in new[]
        {
            ("spec.parallelism", spec.Parallelism),
            ("spec.completions", spec.Completions),
            ("spec.backoffLimit", (int?)spec.BackoffLimit),
            ("spec.ttlSecondsAfterFinished", spec.TtlSecondsAfterFinished),
        })
        {
            if (value < 0)
            {
                problems.Add($"{field}: Invalid value: {value}: must be greater than or equal to 0");
            }
        }

        Labels(spec.Template.Labels, "spec.template.metadata.labels", problems);
        Annotations(spec.Template.Annotations, "spec.template.metadata.annotations", problems);
        if (spec.Template.Spec.RestartPolicy is not (RestartPolicy.OnFailure or RestartPolicy.Never))
        {
            problems.Add($"spec.template.spec.restartPolicy: Unsupported value: \"{spec.Template.Spec.RestartPolicy}\": supported values: \"OnFailure\", \"Never\"");
        }

        Spec(spec.Template.Spec, "spec.template.spec", problems);
        return problems;
    }

    /// <summary>Every problem of a pod.</summary>
    public static IReadOnlyList<string> Validate(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var problems = new List<string>();
        Metadata(pod.Metadata, problems, namespaced: true);
        Spec(pod.Spec, "spec", problems);
        return problems;
    }

    /// <summary>
    /// Pod validation for one API server, remembering the last spec found valid: pods created from one
    /// template share their spec instance (immutable), which is then checked once, not once per pod.
    /// </summary>
    private sealed class PodValidation
    {
        // One list for every call: the API server reads the problems at once (a message or none) and
        // keeps nothing, and a pod is validated on every write that changes its spec or metadata.
        private readonly List<string> _problems = [];
        private PodSpec? _lastValidSpec;
        private ImmutableSortedDictionary<string, string>? _lastValidLabels;

        public List<string> Validate(Pod pod)
        {
            var problems = _problems;
            problems.Clear();
            var meta = pod.Metadata;
            if (ReferenceEquals(meta.Labels, _lastValidLabels))
            {
                // The pods of one controller share their template's label map (immutable): valid once, valid again.
                MetadataWithoutLabels(meta, problems, namespaced: true);
            }
            else if (Metadata(meta, problems, namespaced: true).Count == 0)
            {
                _lastValidLabels = meta.Labels;
            }

            // A copy of the last valid spec with another node name (a bind) is valid too: the node name
            // is not validated, and SharesAllButNodeName compares every other field.
            if (!ReferenceEquals(pod.Spec, _lastValidSpec) && !(_lastValidSpec is { } valid && pod.Spec.SharesAllButNodeName(valid)))
            {
                var before = problems.Count;
                Spec(pod.Spec, "spec", problems);
                if (problems.Count == before)
                {
                    _lastValidSpec = pod.Spec;
                }
            }

            return problems;
        }
    }

    /// <summary>Every problem of a replication controller, its template included.</summary>
    public static IReadOnlyList<string> Validate(ReplicationController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var problems = new List<string>();
        Metadata(controller.Metadata, problems, namespaced: true);
        var spec = controller.Spec;
        if (spec.Replicas < 0)
        {
            problems.Add($"spec.replicas: Invalid value: {spec.Replicas}: must be greater than or equal to 0");
        }

        if (spec.Selector.Count == 0)
        {
            problems.Add("spec.selector: Required value");
        }

        Labels(spec.Selector, "spec.selector", problems);
        Labels(spec.Template.Labels, "spec.template.metadata.labels", problems);
        Annotations(spec.Template.Annotations, "spec.template.metadata.annotations", problems);
        if (spec.Selector.Count > 0 && !Selectors.Matches(spec.Selector, spec.Template.Labels))
        {
            problems.Add("spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
        }

        if (spec.Template.Spec.RestartPolicy != RestartPolicy.Always)
        {
            problems.Add($"spec.template.spec.restartPolicy: Unsupported value: \"{spec.Template.Spec.RestartPolicy}\": supported values: \"Always\"");
        }

        Spec(spec.Template.Spec, "spec.template.spec", problems);
        return problems;
    }

    /// <summary>Every problem of a disruption budget: exactly one of minAvailable and maxUnavailable, not negative.</summary>
    public static IReadOnlyList<string> Validate(PodDisruptionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var problems = new List<string>();
        Metadata(budget.Metadata, problems, namespaced: true);
        if ((budget.MinAvailable is null) == (budget.MaxUnavailable is null))
        {
            problems.Add("spec: Invalid value: minAvailable and maxUnavailable cannot be both set (and one is required)");
        }

        foreach (var (field, value) in new[] { ("spec.minAvailable", budget.MinAvailable), ("spec.maxUnavailable", budget.MaxUnavailable) })
        {
            if (value is { } v && (v.Value < 0 || (v.IsPercent && v.Value > 100)))
            {
                problems.Add($"{field}: Invalid value: \"{v}\": must be a non-negative count or a percentage between 0% and 100%");
            }
        }

        return problems;
    }

    /// <summary>Every problem of a service.</summary>
    public static IReadOnlyList<string> Validate(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var problems = new List<string>();
        Metadata(service.Metadata, problems, namespaced: true);
        Labels(service.Selector, "spec.selector", problems);
        for (var i = 0; i < service.Ports.Length; i++)
        {
            var port = service.Ports[i];
            if (port.Port is < 1 or > 65535)
            {
                problems.Add($"spec.ports[{i}].port: Invalid value: {port.Port}: must be between 1 and 65535, inclusive");
            }

            if (port.TargetPort is < 1 or > 65535)
            {
                problems.Add($"spec.ports[{i}].targetPort: Invalid value: {port.TargetPort}: must be between 1 and 65535, inclusive");
            }
        }

        return problems;
    }

    private static List<string> Metadata(ObjectMeta meta, List<string> problems, bool namespaced)
    {
        NameAndNamespace(meta, problems, namespaced);
        Labels(meta.Labels, "metadata.labels", problems);
        Annotations(meta.Annotations, "metadata.annotations", problems);
        return problems;
    }

    /// <summary>As <see cref="Metadata"/> for labels already known to be valid (the problems come in the same order).</summary>
    private static void MetadataWithoutLabels(ObjectMeta meta, List<string> problems, bool namespaced)
    {
        NameAndNamespace(meta, problems, namespaced);
        Annotations(meta.Annotations, "metadata.annotations", problems);
    }

    private static void NameAndNamespace(ObjectMeta meta, List<string> problems, bool namespaced)
    {
        if (string.IsNullOrEmpty(meta.Name))
        {
            problems.Add("metadata.name: Required value: name or generateName is required");
        }
        else if (!IsDnsSubdomain(meta.Name))
        {
            problems.Add($"metadata.name: Invalid value: \"{meta.Name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }

        if (namespaced && string.IsNullOrEmpty(meta.Namespace))
        {
            problems.Add("metadata.namespace: Required value");
        }
    }

    // The field paths below are built only when a problem is found: a valid object (the common case,
    // every pod a controller creates) is checked without allocating.
    private static void Spec(PodSpec spec, string path, List<string> problems)
    {
        if (spec.Containers.IsEmpty)
        {
            problems.Add($"{path}.containers: Required value");
        }

        Containers(spec.InitContainers, [], path, "initContainers", problems);
        Containers(spec.Containers, spec.InitContainers, path, "containers", problems);
        if (!spec.NodeSelector.IsEmpty)
        {
            Labels(spec.NodeSelector, $"{path}.nodeSelector", problems);
        }

        for (var i = 0; i < spec.Tolerations.Length; i++)
        {
            var toleration = spec.Tolerations[i];
            if (toleration.Key.Length == 0 && toleration.Operator != TolerationOperator.Exists)
            {
                problems.Add($"{path}.tolerations[{i}].operator: Invalid value: \"{toleration.Operator}\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }

            if (toleration.Operator == TolerationOperator.Exists && toleration.Value.Length != 0)
            {
                problems.Add($"{path}.tolerations[{i}].operator: Invalid value: \"{toleration.Value}\": value must be empty when `operator` is 'Exists'");
            }

            if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffect.NoExecute)
            {
                problems.Add($"{path}.tolerations[{i}].effect: Invalid value: \"{toleration.Effect}\": effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
        }

        for (var i = 0; i < spec.TopologySpreadConstraints.Length; i++)
        {
            var constraint = spec.TopologySpreadConstraints[i];
            if (constraint.MaxSkew < 1)
            {
                problems.Add($"{path}.topologySpreadConstraints[{i}].maxSkew: Invalid value: {constraint.MaxSkew}: must be greater than zero");
            }

            if (string.IsNullOrEmpty(constraint.TopologyKey))
            {
                problems.Add($"{path}.topologySpreadConstraints[{i}].topologyKey: Required value: can not be empty");
            }

            if (constraint.MinDomains is { } minDomains && (minDomains < 1 || constraint.WhenUnsatisfiable != Scheduling.WhenUnsatisfiable.DoNotSchedule))
            {
                problems.Add($"{path}.topologySpreadConstraints[{i}].minDomains: Invalid value: {minDomains}: must be greater than 0, and only with whenUnsatisfiable DoNotSchedule");
            }
        }

        if (spec.Affinity?.NodeAffinity is { } nodeAffinity)
        {
            for (var i = 0; i < nodeAffinity.Preferred.Length; i++)
            {
                if (nodeAffinity.Preferred[i].Weight is < 1 or > 100)
                {
                    problems.Add($"{path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}].weight: Invalid value: {nodeAffinity.Preferred[i].Weight}: must be in the range 1-100");
                }
            }
        }

        PodAffinity(spec.Affinity?.PodAffinity, "podAffinity", path, problems);
        PodAffinity(spec.Affinity?.PodAntiAffinity, "podAntiAffinity", path, problems);
        if (spec.Priority == int.MinValue)
        {
            problems.Add($"{path}.priorityClassName: Invalid value: \"{spec.PriorityClassName}\": no PriorityClass with name {spec.PriorityClassName} was found");
        }

        if (spec.TerminationGracePeriod < TimeSpan.Zero)
        {
            problems.Add($"{path}.terminationGracePeriodSeconds: Invalid value: must be greater than or equal to 0");
        }
    }

    private static void PodAffinity(Scheduling.PodAffinityRules? rules, string name, string path, List<string> problems)
    {
        if (rules is null)
        {
            return;
        }

        for (var i = 0; i < rules.Required.Length; i++)
        {
            if (string.IsNullOrEmpty(rules.Required[i].TopologyKey))
            {
                problems.Add($"{path}.affinity.{name}.requiredDuringSchedulingIgnoredDuringExecution[{i}].topologyKey: Required value: can not be empty");
            }
        }

        for (var i = 0; i < rules.Preferred.Length; i++)
        {
            if (rules.Preferred[i].Weight is < 1 or > 100)
            {
                problems.Add($"{path}.affinity.{name}.preferredDuringSchedulingIgnoredDuringExecution[{i}].weight: Invalid value: {rules.Preferred[i].Weight}: must be in the range 1-100");
            }
        }
    }

    /// <summary>
    /// The containers of one list (<paramref name="field"/> of the spec at <paramref name="path"/>); a
    /// name is a duplicate when one of <paramref name="before"/> (the init containers, for the app
    /// containers) or a container earlier in the list has it.
    /// </summary>
    private static void Containers(ImmutableArray<Container> containers, ImmutableArray<Container> before, string path, string field, List<string> problems)
    {
        for (var i = 0; i < containers.Length; i++)
        {
            var container = containers[i];
            if (string.IsNullOrEmpty(container.Name))
            {
                problems.Add($"{path}.{field}[{i}].name: Required value");
            }
            else if (NamedBefore(before, containers, i, container.Name))
            {
                problems.Add($"{path}.{field}[{i}].name: Duplicate value: \"{container.Name}\"");
            }

            if (container.RunFor is { } runFor && runFor < TimeSpan.Zero)
            {
                problems.Add($"{path}.{field}[{i}].runFor: Invalid value: must be greater than or equal to 0");
            }

            if (container.Limits is { } limits)
            {
                var requests = container.Requests;
                if (limits.HasCpu && requests.HasCpu && requests.MilliCpu > limits.MilliCpu)
                {
                    problems.Add($"{path}.{field}[{i}].resources.requests: Invalid value: \"{requests.MilliCpu}m\": must be less than or equal to cpu limit of {limits.MilliCpu}m");
                }

                if (limits.HasMemory && requests.HasMemory && requests.Memory > limits.Memory)
                {
                    problems.Add($"{path}.{field}[{i}].resources.requests: Invalid value: \"{requests.Memory}\": must be less than or equal to memory limit of {limits.Memory}");
                }
            }
        }
    }

    /// <summary>Whether one of <paramref name="before"/> or of the first <paramref name="index"/> <paramref name="containers"/> is named <paramref name="name"/>.</summary>
    private static bool NamedBefore(ImmutableArray<Container> before, ImmutableArray<Container> containers, int index, string name)
    {
        foreach (var container in before)
        {
            if (string.Equals(container.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var j = 0; j < index; j++)
        {
            if (string.Equals(containers[j].Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Labels(ImmutableSortedDictionary<string, string> labels, string path, List<string> problems)
    {
        foreach (var (key, value) in labels)
        {
            if (!LabelValidation.IsValidKey(key, out var keyError))
            {
                problems.Add($"{path}: Invalid value: {keyError}");
            }

            if (!LabelValidation.IsValidValue(value, out var valueError))
            {
                problems.Add($"{path}[{key}]: Invalid value: {valueError}");
            }
        }
    }

    /// <summary>Upstream's <c>ValidateAnnotations</c>: every key a qualified name (checked in lower case), all keys and values at most 256 KiB.</summary>
    private static void Annotations(ImmutableSortedDictionary<string, string> annotations, string path, List<string> problems)
    {
        const long TotalSizeLimit = 256 * (1 << 10);
        long size = 0;
        foreach (var (key, value) in annotations)
        {
            if (!LabelValidation.IsValidKey(key.ToLowerInvariant(), out var keyError))
            {
                problems.Add($"{path}: Invalid value: {keyError.Replace("label key", "annotation key", StringComparison.Ordinal)}");
            }

            size += key.Length + value.Length;
        }

        if (size > TotalSizeLimit)
        {
            problems.Add($"{path}: Too long: must have at most {TotalSizeLimit} bytes");
        }
    }

    private static bool IsDnsSubdomain(string name)
    {
        if (name.Length > 253)
        {
            return false;
        }

        var rest = name.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var part = dot < 0 ? rest : rest[..dot];
            if (part.Length == 0 || !char.IsAsciiLetterLower(part[0]) && !char.IsAsciiDigit(part[0])
                || !char.IsAsciiLetterLower(part[^1]) && !char.IsAsciiDigit(part[^1]))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                {
                    return false;
                }
            }

            if (dot < 0)
            {
                return true;
            }

            rest = rest[(dot + 1)..];
        }
    }
}
