using System.Collections.Immutable;
using k8s.Models;
using Sim.Cluster.Objects;

namespace Sim.Kubernetes.Objects;

/// <summary>Services, PodDisruptionBudgets and PriorityClasses from the client models to Sim's records.</summary>
internal static class PolicyConverter
{
    /// <summary>The fields of a Service Sim reads.</summary>
    public static FieldFilter ServiceFields { get; } = new(
        ["apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.labels", "spec.selector", "spec.type", "spec.ports[].port", "spec.ports[].targetPort", "spec.ports[].nodePort"]);

    /// <summary>The fields of a PodDisruptionBudget Sim reads.</summary>
    public static FieldFilter DisruptionBudgetFields { get; } = new(
    [
        "apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.labels", "spec.selector", "spec.minAvailable", "spec.maxUnavailable",
        "status.currentHealthy", "status.desiredHealthy", "status.expectedPods", "status.disruptionsAllowed",
    ]);

    /// <summary>The fields of a PriorityClass Sim reads.</summary>
    public static FieldFilter PriorityClassFields { get; } = new(["apiVersion", "kind", "metadata.name", "metadata.labels", "value", "globalDefault", "preemptionPolicy"]);

    /// <summary>
    /// A Service. A LoadBalancer service is read as NodePort (it has node ports); ExternalName has no
    /// endpoints and is read as ClusterIP. A named target port cannot be resolved and is read as the port.
    /// </summary>
    public static Service Convert(V1Service service, ObjectContext context)
    {
        var spec = service.Spec;
        var type = context.Enum(spec?.Type, "spec.type", ServiceType.ClusterIP,
            ("ClusterIP", ServiceType.ClusterIP), ("NodePort", ServiceType.NodePort), ("LoadBalancer", ServiceType.NodePort), ("ExternalName", ServiceType.ClusterIP));
        var ports = ImmutableArray.CreateBuilder<ServicePort>();
        for (var i = 0; i < (spec?.Ports?.Count ?? 0); i++)
        {
            var port = spec!.Ports![i] ?? new V1ServicePort();
            var target = port.Port;
            if (port.TargetPort?.Value is { Length: > 0 } text)
            {
                if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out target))
                {
                    context.Warning($"spec.ports[{i}].targetPort", $"the named port \"{text}\" is not resolved; read as the service port {port.Port}");
                    target = port.Port;
                }
            }

            ports.Add(new ServicePort(port.Port, target, port.NodePort ?? 0));
        }

        return new Service
        {
            Metadata = PodConverter.Metadata(service.Metadata, namespaced: true),
            Selector = ObjectContext.Labels(spec?.Selector),
            Ports = ports.ToImmutable(),
            Type = type,
        };
    }

    /// <summary>A PodDisruptionBudget, with the status a dump carries (disruptionsAllowed drives preemption's ranking).</summary>
    public static PodDisruptionBudget Convert(V1PodDisruptionBudget budget, ObjectContext context)
    {
        var spec = budget.Spec;
        var status = budget.Status;
        return new PodDisruptionBudget
        {
            Metadata = PodConverter.Metadata(budget.Metadata, namespaced: true),
            Selector = context.Selector(spec?.Selector, "spec.selector"),
            MinAvailable = spec?.MinAvailable is null ? null : WorkloadConverter.Percent(spec.MinAvailable, "spec.minAvailable", default, context),
            MaxUnavailable = spec?.MaxUnavailable is null ? null : WorkloadConverter.Percent(spec.MaxUnavailable, "spec.maxUnavailable", default, context),
            Status = new PodDisruptionBudgetStatus
            {
                CurrentHealthy = status?.CurrentHealthy ?? 0,
                DesiredHealthy = status?.DesiredHealthy ?? 0,
                ExpectedPods = status?.ExpectedPods ?? 0,
                DisruptionsAllowed = status?.DisruptionsAllowed ?? 0,
            },
        };
    }

    /// <summary>A PriorityClass.</summary>
    public static PriorityClass Convert(V1PriorityClass priorityClass, ObjectContext context)
    {
        if (priorityClass.Value is null)
        {
            context.Error("value", "Required value: the priority of pods in the class");
        }

        return new PriorityClass
        {
            Metadata = PodConverter.Metadata(priorityClass.Metadata, namespaced: false),
            Value = priorityClass.Value ?? 0,
            GlobalDefault = priorityClass.GlobalDefault ?? false,
            PreemptLowerPriority = context.Enum(priorityClass.PreemptionPolicy, "preemptionPolicy", true, ("PreemptLowerPriority", true), ("Never", false)),
        };
    }
}
