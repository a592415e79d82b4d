using k8s.Models;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Kubernetes.Objects;

/// <summary>One kind Sim reads: its API version, its client model, the fields Sim reads and the conversion.</summary>
/// <param name="Kind">The kind, e.g. <c>Pod</c>.</param>
/// <param name="ApiVersion">The one API version read, e.g. <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Model">The client model type, e.g. <see cref="V1Pod"/>.</param>
/// <param name="Fields">The fields read.</param>
/// <param name="Convert">Model to Sim record; problems go to the context.</param>
/// <param name="Validate">Sim's API validation of the record, as <c>path: message</c> lines.</param>
internal sealed record KindReader(string Kind, string ApiVersion, Type Model, FieldFilter Fields, Func<object, ObjectContext, ApiObject> Convert, Func<ApiObject, IReadOnlyList<string>> Validate)
{
    /// <summary>The kinds read, by name.</summary>
    public static IReadOnlyDictionary<string, KindReader> All { get; } = new KindReader[]
    {
        new("Node", "v1", typeof(V1Node), NodeConverter.Fields, (m, c) => NodeConverter.Convert((V1Node)m, c), _ => []),
        new("Pod", "v1", typeof(V1Pod), PodConverter.Fields, (m, c) => PodConverter.Convert((V1Pod)m, c), o => ObjectValidation.Validate((Pod)o)),
        new("Deployment", "apps/v1", typeof(V1Deployment), WorkloadConverter.DeploymentFields, (m, c) => WorkloadConverter.Convert((V1Deployment)m, c),
            o => Template(o.Metadata, ((Deployment)o).Spec.Template)),
        new("ReplicaSet", "apps/v1", typeof(V1ReplicaSet), WorkloadConverter.ReplicaSetFields, (m, c) => WorkloadConverter.Convert((V1ReplicaSet)m, c),
            o => Template(o.Metadata, ((ReplicaSet)o).Spec.Template)),
        new("ReplicationController", "v1", typeof(V1ReplicationController), WorkloadConverter.ReplicationControllerFields, (m, c) => WorkloadConverter.Convert((V1ReplicationController)m, c),
            o => ObjectValidation.Validate((ReplicationController)o)),
        new("Service", "v1", typeof(V1Service), PolicyConverter.ServiceFields, (m, c) => PolicyConverter.Convert((V1Service)m, c), o => ObjectValidation.Validate((Service)o)),
        new("PodDisruptionBudget", "policy/v1", typeof(V1PodDisruptionBudget), PolicyConverter.DisruptionBudgetFields, (m, c) => PolicyConverter.Convert((V1PodDisruptionBudget)m, c),
            o => ObjectValidation.Validate((PodDisruptionBudget)o)),
        new("PriorityClass", "scheduling.k8s.io/v1", typeof(V1PriorityClass), PolicyConverter.PriorityClassFields, (m, c) => PolicyConverter.Convert((V1PriorityClass)m, c), _ => []),
    }.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>
    /// A workload's pod template validated as a pod of that name, with the template's paths, and the
    /// workload's own annotations as a pod's would be.
    /// </summary>
    private static IReadOnlyList<string> Template(ObjectMeta metadata, PodTemplate template)
    {
        const string Annotations = "metadata.annotations";
        var pod = new Pod { Metadata = metadata with { Labels = template.Labels, Annotations = template.Annotations }, Spec = template.Spec };
        var own = new Pod { Metadata = metadata, Spec = template.Spec };
        var problems = ObjectValidation.Validate(pod);
        return [.. ObjectValidation.Validate(own).Where(p => p.StartsWith(Annotations, StringComparison.Ordinal)),
            .. problems.Where(p => p.StartsWith(Annotations, StringComparison.Ordinal)).Select(p => "spec.template." + p),
            .. problems.Where(p => p.StartsWith("spec.", StringComparison.Ordinal)).Select(p => "spec.template.spec." + p["spec.".Length..])];
    }
}
