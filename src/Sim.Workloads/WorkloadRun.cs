using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Workloads;

/// <summary>One workload while it runs: its client and its driver's counters.</summary>
internal abstract class WorkloadRun
{
    private readonly WorkloadSpec _spec;

    protected WorkloadRun(WorkloadDriver driver, SimulatedCluster cluster, WorkloadSpec spec)
    {
        Driver = driver;
        Cluster = cluster;
        _spec = spec;
        Api = cluster.Client("workload/" + spec.Name);
    }

    protected WorkloadDriver Driver { get; }

    protected SimulatedCluster Cluster { get; }

    /// <summary>The client its writes are recorded under (<c>workload/NAME</c>).</summary>
    protected ApiClient Api { get; }

    /// <summary>Schedules the workload; its time zero is <paramref name="origin"/> + <see cref="WorkloadSpec.Start"/>.</summary>
    public abstract void Start(SimTime origin);

    /// <summary>Tells the driver this workload has had its last arrival; call once.</summary>
    protected void ArrivalsOver() => Driver.RecordArrivalsOver();

    /// <summary>Creates <paramref name="obj"/>; a refusal is recorded in <see cref="WorkloadDriver.Failures"/>.</summary>
    protected ApiResult<T> Create<T>(T obj)
        where T : ApiObject
    {
        var result = Api.Create(obj);
        if (!result.IsOk)
        {
            Driver.RecordFailure($"{Cluster.Simulation.Now} workload {_spec.Name}: {result.Message}");
        }

        return result;
    }
}
