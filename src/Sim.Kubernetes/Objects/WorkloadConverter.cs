using k8s.Models;
using Sim.Cluster.Objects;

namespace Sim.Kubernetes.Objects;

/// <summary>Deployments, ReplicaSets and ReplicationControllers from the client models to Sim's records, with their and their templates' labels and annotations.</summary>
internal static class WorkloadConverter
{
    private static readonly string[] Common =
        ["apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.labels", "metadata.annotations", "spec.replicas", "spec.template.metadata.labels", "spec.template.metadata.annotations"];

    /// <summary>The fields of a Deployment Sim reads.</summary>
    public static FieldFilter DeploymentFields { get; } = new(
        Common.Concat(["spec.selector", "spec.minReadySeconds", "spec.strategy.type", "spec.strategy.rollingUpdate"]).Concat(PodConverter.SpecFields("spec.template.spec")));

    /// <summary>The fields of a ReplicaSet Sim reads.</summary>
    public static FieldFilter ReplicaSetFields { get; } = new(
        Common.Concat(["spec.selector", "spec.minReadySeconds"]).Concat(PodConverter.SpecFields("spec.template.spec")));

    /// <summary>The fields of a ReplicationController Sim reads.</summary>
    public static FieldFilter ReplicationControllerFields { get; } = new(
        Common.Concat(["spec.selector"]).Concat(PodConverter.SpecFields("spec.template.spec")));

    /// <summary>A Deployment (replicas default to 1, strategy to RollingUpdate 25%/25%).</summary>
    public static Deployment Convert(V1Deployment deployment, ObjectContext context)
    {
        var spec = deployment.Spec;
        var strategy = new DeploymentStrategy();
        var recreate = context.Enum(spec?.Strategy?.Type, "spec.strategy.type", false, ("RollingUpdate", false), ("Recreate", true));
        strategy = strategy with
        {
            Recreate = recreate,
            MaxSurge = Percent(spec?.Strategy?.RollingUpdate?.MaxSurge, "spec.strategy.rollingUpdate.maxSurge", strategy.MaxSurge, context),
            MaxUnavailable = Percent(spec?.Strategy?.RollingUpdate?.MaxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", strategy.MaxUnavailable, context),
        };
        return new Deployment
        {
            Metadata = PodConverter.Metadata(deployment.Metadata, namespaced: true, annotations: true),
            Spec = new DeploymentSpec
            {
                Replicas = Replicas(spec?.Replicas, context),
                Selector = context.Selector(spec?.Selector, "spec.selector"),
                Template = Template(spec?.Template, context),
                MinReadySeconds = spec?.MinReadySeconds ?? 0,
                Strategy = strategy,
            },
        };
    }

    /// <summary>A ReplicaSet (replicas default to 1).</summary>
    public static ReplicaSet Convert(V1ReplicaSet replicaSet, ObjectContext context)
    {
        var spec = replicaSet.Spec;
        return new ReplicaSet
        {
            Metadata = PodConverter.Metadata(replicaSet.Metadata, namespaced: true, annotations: true),
            Spec = new ReplicaSetSpec
            {
                Replicas = Replicas(spec?.Replicas, context),
                Selector = context.Selector(spec?.Selector, "spec.selector"),
                Template = Template(spec?.Template, context),
                MinReadySeconds = spec?.MinReadySeconds ?? 0,
            },
        };
    }

    /// <summary>A ReplicationController; its selector defaults to the template's labels, as upstream.</summary>
    public static ReplicationController Convert(V1ReplicationController controller, ObjectContext context)
    {
        var spec = controller.Spec;
        var template = Template(spec?.Template, context);
        var selector = spec?.Selector is { Count: > 0 } given ? ObjectContext.Labels(given) : template.Labels;
        return new ReplicationController
        {
            Metadata = PodConverter.Metadata(controller.Metadata, namespaced: true, annotations: true),
            Spec = new ReplicationControllerSpec { Replicas = Replicas(spec?.Replicas, context), Selector = selector, Template = template },
        };
    }

    /// <summary>A count or a percentage (<c>25%</c>) from an int-or-string field.</summary>
    public static IntOrPercent Percent(IntOrString? value, string path, IntOrPercent fallback, ObjectContext context)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        var isPercent = text.EndsWith('%');
        var number = isPercent ? text[..^1] : text;
        if (!int.TryParse(number, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            context.Error(path, $"Invalid value: \"{text}\": expected an integer or a percentage such as 25%");
            return fallback;
        }

        return new IntOrPercent(parsed, isPercent);
    }

    private static int Replicas(int? replicas, ObjectContext context)
    {
        if (replicas is < 0)
        {
            context.Error("spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0");
        }

        return replicas ?? 1;
    }

    private static PodTemplate Template(V1PodTemplateSpec? template, ObjectContext context) => new()
    {
        Labels = ObjectContext.Labels(template?.Metadata?.Labels),
        Annotations = ObjectContext.Labels(template?.Metadata?.Annotations),
        Spec = PodConverter.Spec(template?.Spec, "spec.template.spec", context),
    };
}
