namespace Sim.Experiments.Results;

/// <summary>One end-of-run measure of one replicated workload or one Service: a row of <c>workloads.csv</c> without the run's keys.</summary>
/// <param name="Kind">The object's kind: Deployment, ReplicaSet or ReplicationController for a workload, Service for a Service.</param>
/// <param name="Namespace">The object's namespace.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Metric">The measure's name (<see cref="WorkloadTable"/> lists them).</param>
/// <param name="Value">Its value; NaN where nothing was measured.</param>
public readonly record struct WorkloadMetric(string Kind, string Namespace, string Name, string Metric, double Value);
