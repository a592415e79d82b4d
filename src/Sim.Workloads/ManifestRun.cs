using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Workloads;

/// <summary>
/// A <see cref="ManifestWorkload"/>: its objects, Nodes left out (they are the cluster, not
/// workload), created in order at the workload's start, as one arrival.
/// </summary>
internal sealed class ManifestRun(WorkloadDriver driver, SimulatedCluster cluster, ManifestWorkload spec)
    : WorkloadRun(driver, cluster, spec)
{
    /// <inheritdoc />
    public override void Start(SimTime origin) =>
        Cluster.Simulation.ScheduleAt(origin + spec.Start, static run => run.CreateAll(), this);

    private void CreateAll()
    {
        Driver.RecordArrival();
        foreach (var obj in spec.Objects)
        {
            if (obj is Node)
            {
                continue;
            }

            if (Create(obj).IsOk)
            {
                Driver.RecordPods(PodsAskedFor(obj));
            }
        }

        ArrivalsOver();
    }

    /// <summary>The pods an object asks for: a pod itself, a controller's replicas, a Job's completions (its parallelism without them).</summary>
    private static long PodsAskedFor(ApiObject obj) => obj switch
    {
        Pod => 1,
        Deployment deployment => deployment.Spec.Replicas,
        ReplicaSet replicaSet => replicaSet.Spec.Replicas,
        ReplicationController controller => controller.Spec.Replicas,
        Job job => job.Spec.Completions ?? job.Spec.Parallelism ?? 1,
        _ => 0,
    };
}
