using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Workloads;

/// <summary>
/// A <see cref="DeploymentWorkload"/>'s items: item i is a Deployment <c>NAME-i</c>, with a ClusterIP
/// Service and a PodDisruptionBudget of the same name if asked for, deleted after its lifetime.
/// </summary>
internal sealed class DeploymentRun(WorkloadDriver driver, SimulatedCluster cluster, DeploymentWorkload spec)
    : ArrivalRun(driver, cluster, spec)
{
    /// <summary>Port of the generated Services (and target port of their pods).</summary>
    private const int ServicePort = 80;

    protected override void Arrive(int index, string name)
    {
        // Every draw first, in a fixed order, so that what is drawn never depends on what the API does.
        var (container, annotations) = PodTemplates.Draw(spec.Pod, Items);
        var replicas = PodTemplates.PodCount(spec.Replicas.Sample(Items), spec.Name, "replicas");
        var lifetime = spec.Lifetime is { } distribution ? PodTemplates.Seconds(distribution.Sample(Items)) : (TimeSpan?)null;

        var labels = PodTemplates.Labels(spec, name);
        var item = new Dictionary<string, string>(StringComparer.Ordinal) { [WorkloadDriver.ItemLabel] = name };
        var selector = Selector(item);
        var podSpec = PodTemplates.Spec(spec, spec.Pod, container, RestartPolicy.Always);
        if (spec.SpreadAcrossZones)
        {
            podSpec = podSpec with { TopologySpreadConstraints = [new TopologySpreadConstraint(1, Node.ZoneLabel, WhenUnsatisfiable.ScheduleAnyway, selector)] };
        }

        var ns = spec.Namespace;
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = selector,
                Template = PodTemplates.Template(labels, annotations, podSpec),
            },
        };
        if (Create(deployment).IsOk)
        {
            Driver.RecordPods(replicas);
        }

        if (spec.Service)
        {
            Create(new Service
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
                Selector = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, item),
                Ports = [new ServicePort(ServicePort, ServicePort)],
            });
        }

        if (spec.MinAvailable is { } minAvailable)
        {
            Create(new PodDisruptionBudget
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
                Selector = selector,
                MinAvailable = minAvailable,
            });
        }

        if (lifetime is { } after)
        {
            Cluster.Simulation.ScheduleAfter(after, () => Retire(name));
        }
    }

    private static LabelSelector Selector(Dictionary<string, string> matchLabels) =>
        LabelSelector.TryCreate(new LabelSelectorSpec { MatchLabels = matchLabels }, out var selector, out var error)
            ? selector
            : throw new InvalidOperationException(error); // the item name is a valid label value: validated with the workload

    /// <summary>The item's lifetime is over: its Deployment (the garbage collector takes its ReplicaSets and pods), Service and budget go.</summary>
    private void Retire(string name)
    {
        var ns = spec.Namespace;
        Api.Delete(new ObjectKey(Deployment.KindName, ns, name), change: "deleted (lifetime over)");
        if (spec.Service)
        {
            Api.Delete(new ObjectKey(Service.KindName, ns, name), change: "deleted (lifetime over)");
        }

        if (spec.MinAvailable is not null)
        {
            Api.Delete(new ObjectKey(PodDisruptionBudget.KindName, ns, name), change: "deleted (lifetime over)");
        }
    }
}
