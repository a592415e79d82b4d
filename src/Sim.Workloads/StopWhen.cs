namespace Sim.Workloads;

/// <summary>The condition that ends a run before its duration (see <see cref="StopCondition"/>).</summary>
public enum StopWhen
{
    /// <summary>
    /// Every workload has finished arriving and the cluster has caught up with it: no pod is waiting
    /// (every active pod is Running), every Job has finished (Complete or Failed), and every
    /// Deployment, ReplicaSet and ReplicationController has exactly its replicas Running.
    /// </summary>
    WorkloadsDone,

    /// <summary>The <see cref="StopCondition.Count"/>-th pod has been created.</summary>
    PodsCreated,

    /// <summary>The <see cref="StopCondition.Count"/>-th pod has been bound to a node.</summary>
    PodsScheduled,

    /// <summary>The <see cref="StopCondition.Count"/>-th pod has succeeded.</summary>
    PodsSucceeded,
}
