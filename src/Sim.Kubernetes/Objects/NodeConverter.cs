using System.Collections.Immutable;
using k8s.Models;
using Sim.Cluster.Objects;
using SimNode = Sim.Cluster.Objects.Node;

namespace Sim.Kubernetes.Objects;

/// <summary>Nodes from the client model to Sim's record.</summary>
internal static class NodeConverter
{
    /// <summary>The fields of a Node Sim reads.</summary>
    public static FieldFilter Fields { get; } = new(
    [
        "apiVersion", "kind", "metadata.name", "metadata.labels", "spec.unschedulable", "spec.taints[].key", "spec.taints[].value",
        "spec.taints[].effect", "status.capacity", "status.allocatable", "status.conditions", "status.images",
    ]);

    /// <summary>
    /// A Node. Allocatable defaults to the capacity when absent (a node without system reservations);
    /// the Ready condition defaults to True; every name of an image counts for image locality.
    /// </summary>
    public static SimNode Convert(V1Node node, ObjectContext context)
    {
        var metadata = PodConverter.Metadata(node.Metadata, namespaced: false);
        if (metadata.Name.Length == 0)
        {
            context.Error("metadata.name", "Required value: name or generateName is required");
        }

        var taints = ImmutableArray.CreateBuilder<Taint>();
        var specTaints = node.Spec?.Taints ?? [];
        for (var i = 0; i < specTaints.Count; i++)
        {
            var where = $"spec.taints[{i}]";
            var taint = specTaints[i] ?? new V1Taint();
            if (string.IsNullOrEmpty(taint.Key))
            {
                context.Error($"{where}.key", "Required value: a taint key is required");
            }

            if (string.IsNullOrEmpty(taint.Effect))
            {
                context.Error($"{where}.effect", "Required value: NoSchedule, PreferNoSchedule or NoExecute");
            }

            var effect = context.Enum(taint.Effect, $"{where}.effect", TaintEffect.NoSchedule,
                ("NoSchedule", TaintEffect.NoSchedule), ("PreferNoSchedule", TaintEffect.PreferNoSchedule), ("NoExecute", TaintEffect.NoExecute));
            taints.Add(new Taint(taint.Key ?? string.Empty, taint.Value ?? string.Empty, effect));
        }

        var status = node.Status;
        var capacity = context.Resources(status?.Capacity, "status.capacity");
        var allocatable = status?.Allocatable is { Count: > 0 } ? context.Resources(status.Allocatable, "status.allocatable") : capacity;
        var ready = NodeConditionStatus.True;
        var conditions = status?.Conditions ?? [];
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i]?.Type == "Ready")
            {
                ready = context.Enum(conditions[i].Status, $"status.conditions[{i}].status", NodeConditionStatus.Unknown,
                    ("True", NodeConditionStatus.True), ("False", NodeConditionStatus.False), ("Unknown", NodeConditionStatus.Unknown));
            }
        }

        var images = ImmutableArray.CreateBuilder<ContainerImage>();
        foreach (var image in status?.Images ?? [])
        {
            foreach (var name in image?.Names ?? [])
            {
                if (!string.IsNullOrEmpty(name))
                {
                    images.Add(new ContainerImage(name, image!.SizeBytes ?? 0));
                }
            }
        }

        return new SimNode
        {
            Metadata = metadata,
            Spec = new NodeSpec { Unschedulable = node.Spec?.Unschedulable ?? false, Taints = taints.ToImmutable() },
            Status = new NodeStatus { Capacity = capacity, Allocatable = allocatable, Ready = ready, Images = images.ToImmutable() },
        };
    }
}
