using System.Collections.Immutable;
using k8s.Models;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using SimAffinity = Sim.Cluster.Objects.Scheduling.Affinity;
using SimNodeAffinity = Sim.Cluster.Objects.Scheduling.NodeAffinity;
using SimPodAffinityTerm = Sim.Cluster.Objects.Scheduling.PodAffinityTerm;
using SimTopologySpreadConstraint = Sim.Cluster.Objects.Scheduling.TopologySpreadConstraint;

namespace Sim.Kubernetes.Objects;

/// <summary>Pods and pod specs from the client models to Sim's records, with upstream's defaults.</summary>
internal static class PodConverter
{
    /// <summary>The fields of a pod spec Sim reads, relative to the spec.</summary>
    public static IEnumerable<string> SpecFields(string prefix)
    {
        string[] container = ["name", "image", "resources.requests", "resources.limits", "ports[].containerPort", "ports[].hostPort", "ports[].protocol", "ports[].hostIP"];
        foreach (var field in container)
        {
            yield return $"{prefix}.containers[].{field}";
            yield return $"{prefix}.initContainers[].{field}";
        }

        yield return $"{prefix}.initContainers[].restartPolicy";
        string[] term = ["labelSelector", "topologyKey", "namespaces"];
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            foreach (var field in term)
            {
                yield return $"{prefix}.affinity.{kind}.requiredDuringSchedulingIgnoredDuringExecution[].{field}";
                yield return $"{prefix}.affinity.{kind}.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.{field}";
            }

            yield return $"{prefix}.affinity.{kind}.preferredDuringSchedulingIgnoredDuringExecution[].weight";
        }

        string[] whole =
        [
            "overhead", "nodeSelector", "affinity.nodeAffinity", "tolerations", "topologySpreadConstraints", "priority",
            "priorityClassName", "schedulerName", "schedulingGates", "preemptionPolicy", "nodeName", "restartPolicy",
            "terminationGracePeriodSeconds",
        ];
        foreach (var field in whole)
        {
            yield return $"{prefix}.{field}";
        }
    }

    /// <summary>The fields of a Pod Sim reads.</summary>
    public static FieldFilter Fields { get; } = new(
        new[] { "apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.labels", "metadata.annotations", "status.phase", "status.nominatedNodeName" }
            .Concat(SpecFields("spec")));

    /// <summary>A Pod; the namespace defaults to <c>default</c>.</summary>
    public static Pod Convert(V1Pod pod, ObjectContext context)
    {
        var spec = Spec(pod.Spec, "spec", context);
        var status = pod.Status;
        var phase = context.Enum(status?.Phase, "status.phase", PodPhase.Pending,
            ("Pending", PodPhase.Pending), ("Running", PodPhase.Running), ("Succeeded", PodPhase.Succeeded), ("Failed", PodPhase.Failed), ("Unknown", PodPhase.Unknown));
        return new Pod
        {
            Metadata = Metadata(pod.Metadata, namespaced: true, annotations: true),
            Spec = spec,
            Status = new PodStatus { Phase = phase, NominatedNodeName = status?.NominatedNodeName ?? string.Empty },
        };
    }

    /// <summary>Name, namespace (<c>default</c> when namespaced and absent), labels, and the annotations when asked for (the kinds whose field filter reads them).</summary>
    public static ObjectMeta Metadata(V1ObjectMeta? metadata, bool namespaced, bool annotations = false) => new()
    {
        Name = metadata?.Name ?? string.Empty,
        Namespace = namespaced ? (string.IsNullOrEmpty(metadata?.NamespaceProperty) ? "default" : metadata.NamespaceProperty) : string.Empty,
        Labels = ObjectContext.Labels(metadata?.Labels),
        Annotations = annotations ? ObjectContext.Labels(metadata?.Annotations) : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
    };

    /// <summary>A pod spec at <paramref name="path"/>.</summary>
    public static PodSpec Spec(V1PodSpec? spec, string path, ObjectContext context)
    {
        if (spec is null)
        {
            context.Error(path, "Required value: a pod spec with at least one container");
            return new PodSpec();
        }

        return new PodSpec
        {
            Containers = Containers(spec.Containers, $"{path}.containers", init: false, context),
            InitContainers = Containers(spec.InitContainers, $"{path}.initContainers", init: true, context),
            Overhead = spec.Overhead is null ? null : context.Resources(spec.Overhead, $"{path}.overhead"),
            NodeName = spec.NodeName ?? string.Empty,
            SchedulerName = string.IsNullOrEmpty(spec.SchedulerName) ? "default-scheduler" : spec.SchedulerName,
            Priority = spec.Priority ?? 0,
            PriorityClassName = spec.PriorityClassName ?? string.Empty,
            PreemptionPolicy = context.Enum(spec.PreemptionPolicy, $"{path}.preemptionPolicy", PreemptionPolicy.PreemptLowerPriority,
                ("PreemptLowerPriority", PreemptionPolicy.PreemptLowerPriority), ("Never", PreemptionPolicy.Never)),
            SchedulingGates = [.. (spec.SchedulingGates ?? []).Select(g => g?.Name ?? string.Empty)],
            NodeSelector = ObjectContext.Labels(spec.NodeSelector),
            Affinity = Affinity(spec.Affinity, $"{path}.affinity", context),
            Tolerations = [.. (spec.Tolerations ?? []).Select((t, i) => Toleration(t, $"{path}.tolerations[{i}]", context))],
            TopologySpreadConstraints = [.. (spec.TopologySpreadConstraints ?? []).Select((c, i) => Spread(c, $"{path}.topologySpreadConstraints[{i}]", context))],
            RestartPolicy = context.Enum(spec.RestartPolicy, $"{path}.restartPolicy", RestartPolicy.Always,
                ("Always", RestartPolicy.Always), ("OnFailure", RestartPolicy.OnFailure), ("Never", RestartPolicy.Never)),
            TerminationGracePeriod = TimeSpan.FromSeconds(spec.TerminationGracePeriodSeconds ?? 30),
        };
    }

    private static ImmutableArray<Container> Containers(IList<V1Container>? containers, string path, bool init, ObjectContext context)
    {
        if (containers is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Container>(containers.Count);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] ?? new V1Container();
            var where = $"{path}[{i}]";

            // API defaulting (SetDefaults_Pod): a resource with a limit and no request requests the limit.
            var requestTexts = new Dictionary<string, ResourceQuantity>(container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>(), StringComparer.Ordinal);
            foreach (var (name, limit) in container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>())
            {
                requestTexts.TryAdd(name, limit);
            }

            var requests = context.Resources(requestTexts, $"{where}.resources.requests");
            var limits = container.Resources?.Limits is { Count: > 0 } limitTexts ? context.Resources(limitTexts, $"{where}.resources.limits") : null;
            var restartAlways = init && context.Enum(container.RestartPolicy, $"{where}.restartPolicy", false, ("Always", true));
            var ports = ImmutableArray.CreateBuilder<ContainerPort>();
            for (var p = 0; p < (container.Ports?.Count ?? 0); p++)
            {
                var port = container.Ports![p];
                if (port is null)
                {
                    continue;
                }

                var protocol = context.Enum(port.Protocol, $"{where}.ports[{p}].protocol", "TCP", ("TCP", "TCP"), ("UDP", "UDP"), ("SCTP", "SCTP"));
                ports.Add(new ContainerPort(port.ContainerPort, port.HostPort ?? 0, protocol, port.HostIP ?? string.Empty));
            }

            result.Add(new Container(container.Name ?? string.Empty, requests, limits, container.Image, restartAlways) { Ports = ports.ToImmutable() });
        }

        return result.MoveToImmutable();
    }

    private static SimAffinity? Affinity(V1Affinity? affinity, string path, ObjectContext context)
    {
        if (affinity is null)
        {
            return null;
        }

        return new SimAffinity
        {
            NodeAffinity = NodeAffinity(affinity.NodeAffinity, $"{path}.nodeAffinity", context),
            PodAffinity = PodAffinity(affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, affinity.PodAffinity is null, $"{path}.podAffinity", context),
            PodAntiAffinity = PodAffinity(affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, affinity.PodAntiAffinity is null, $"{path}.podAntiAffinity", context),
        };
    }

    private static SimNodeAffinity? NodeAffinity(V1NodeAffinity? affinity, string path, ObjectContext context)
    {
        if (affinity is null)
        {
            return null;
        }

        var required = ImmutableArray<NodeSelectorTerm>.Empty;
        if (affinity.RequiredDuringSchedulingIgnoredDuringExecution is { } selector)
        {
            var where = $"{path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
            if (selector.NodeSelectorTerms is not { Count: > 0 })
            {
                context.Error(where, "Required value: must have at least one node selector term");
            }

            required = [.. (selector.NodeSelectorTerms ?? []).Select((t, i) => Term(t, $"{where}[{i}]", context))];
        }

        var preferred = ImmutableArray.CreateBuilder<PreferredSchedulingTerm>();
        var terms = affinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        for (var i = 0; i < terms.Count; i++)
        {
            var where = $"{path}.preferredDuringSchedulingIgnoredDuringExecution[{i}]";
            preferred.Add(new PreferredSchedulingTerm(terms[i]?.Weight ?? 0, Term(terms[i]?.Preference, $"{where}.preference", context)));
        }

        return new SimNodeAffinity { Required = required, Preferred = preferred.ToImmutable() };
    }

    private static NodeSelectorTerm Term(V1NodeSelectorTerm? term, string path, ObjectContext context) => new()
    {
        MatchExpressions = [.. (term?.MatchExpressions ?? []).Select((r, i) => Requirement(r, $"{path}.matchExpressions[{i}]", field: false, context))],
        MatchFields = [.. (term?.MatchFields ?? []).Select((r, i) => Requirement(r, $"{path}.matchFields[{i}]", field: true, context))],
    };

    /// <summary>A node selector requirement, validated as upstream's <c>ValidateNodeSelectorRequirement</c> and <c>ValidateNodeFieldSelectorRequirement</c>.</summary>
    private static NodeSelectorRequirement Requirement(V1NodeSelectorRequirement? requirement, string path, bool field, ObjectContext context)
    {
        var key = requirement?.Key ?? string.Empty;
        var values = (requirement?.Values ?? []).Select(v => v ?? string.Empty).ToImmutableArray();
        var op = context.Enum(requirement?.OperatorProperty, $"{path}.operator", (SelectorOperator?)null,
            ("In", SelectorOperator.In), ("NotIn", SelectorOperator.NotIn), ("Exists", SelectorOperator.Exists),
            ("DoesNotExist", SelectorOperator.DoesNotExist), ("Gt", SelectorOperator.GreaterThan), ("Lt", SelectorOperator.LessThan));
        if (string.IsNullOrEmpty(requirement?.OperatorProperty))
        {
            context.Error($"{path}.operator", "Required value: an operator is required");
        }

        if (field)
        {
            if (key != "metadata.name")
            {
                context.Error($"{path}.key", $"Invalid value: \"{key}\": not a valid field selector key");
            }

            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Length != 1)
            {
                context.Error($"{path}.values", "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
            }
            else if (op is not null and not (SelectorOperator.In or SelectorOperator.NotIn))
            {
                context.Error($"{path}.operator", $"Invalid value: \"{requirement!.OperatorProperty}\": not a valid selector operator");
            }
        }
        else
        {
            if (key.Length == 0)
            {
                context.Error($"{path}.key", "Required value: a label key is required");
            }

            switch (op)
            {
                case SelectorOperator.In or SelectorOperator.NotIn when values.IsEmpty:
                    context.Error($"{path}.values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case SelectorOperator.Exists or SelectorOperator.DoesNotExist when !values.IsEmpty:
                    context.Error($"{path}.values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case SelectorOperator.GreaterThan or SelectorOperator.LessThan when values.Length != 1:
                    context.Error($"{path}.values", "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'");
                    break;
            }
        }

        return new NodeSelectorRequirement(key, op ?? SelectorOperator.Exists, values);
    }

    private static PodAffinityRules? PodAffinity(IList<V1PodAffinityTerm>? required, IList<V1WeightedPodAffinityTerm>? preferred, bool absent, string path, ObjectContext context)
    {
        if (absent)
        {
            return null;
        }

        var weighted = ImmutableArray.CreateBuilder<WeightedPodAffinityTerm>();
        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            var where = $"{path}.preferredDuringSchedulingIgnoredDuringExecution[{i}]";
            weighted.Add(new WeightedPodAffinityTerm(preferred![i]?.Weight ?? 0, AffinityTerm(preferred[i]?.PodAffinityTerm, $"{where}.podAffinityTerm", context)));
        }

        return new PodAffinityRules
        {
            Required = [.. (required ?? []).Select((t, i) => AffinityTerm(t, $"{path}.requiredDuringSchedulingIgnoredDuringExecution[{i}]", context))],
            Preferred = weighted.ToImmutable(),
        };
    }

    private static SimPodAffinityTerm AffinityTerm(V1PodAffinityTerm? term, string path, ObjectContext context)
    {
        var topologyKey = term?.TopologyKey ?? string.Empty;
        if (topologyKey.Length == 0)
        {
            context.Error($"{path}.topologyKey", "Required value: can not be empty");
        }

        return new SimPodAffinityTerm(
            context.Selector(term?.LabelSelector, $"{path}.labelSelector"),
            topologyKey,
            [.. (term?.Namespaces ?? []).Select(n => n ?? string.Empty)]);
    }

    private static Toleration Toleration(V1Toleration? toleration, string path, ObjectContext context) => new(
        toleration?.Key ?? string.Empty,
        context.Enum(toleration?.OperatorProperty, $"{path}.operator", TolerationOperator.Equal, ("Equal", TolerationOperator.Equal), ("Exists", TolerationOperator.Exists)),
        toleration?.Value ?? string.Empty,
        context.Enum(toleration?.Effect, $"{path}.effect", (TaintEffect?)null,
            ("NoSchedule", TaintEffect.NoSchedule), ("PreferNoSchedule", TaintEffect.PreferNoSchedule), ("NoExecute", TaintEffect.NoExecute)),
        toleration?.TolerationSeconds);

    private static SimTopologySpreadConstraint Spread(V1TopologySpreadConstraint? constraint, string path, ObjectContext context)
    {
        if (string.IsNullOrEmpty(constraint?.WhenUnsatisfiable))
        {
            context.Error($"{path}.whenUnsatisfiable", "Required value: DoNotSchedule or ScheduleAnyway");
        }

        var honor = ("Honor", NodeInclusionPolicy.Honor);
        var ignore = ("Ignore", NodeInclusionPolicy.Ignore);
        return new SimTopologySpreadConstraint(
            constraint?.MaxSkew ?? 0,
            constraint?.TopologyKey ?? string.Empty,
            context.Enum(constraint?.WhenUnsatisfiable, $"{path}.whenUnsatisfiable", WhenUnsatisfiable.DoNotSchedule,
                ("DoNotSchedule", WhenUnsatisfiable.DoNotSchedule), ("ScheduleAnyway", WhenUnsatisfiable.ScheduleAnyway)),
            context.Selector(constraint?.LabelSelector, $"{path}.labelSelector"),
            constraint?.MinDomains,
            context.Enum(constraint?.NodeAffinityPolicy, $"{path}.nodeAffinityPolicy", NodeInclusionPolicy.Honor, honor, ignore),
            context.Enum(constraint?.NodeTaintsPolicy, $"{path}.nodeTaintsPolicy", NodeInclusionPolicy.Ignore, honor, ignore),
            [.. (constraint?.MatchLabelKeys ?? []).Select(k => k ?? string.Empty)]);
    }
}
