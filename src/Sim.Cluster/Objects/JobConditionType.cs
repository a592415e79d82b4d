namespace Sim.Cluster.Objects;

/// <summary>The conditions a Job's status carries (upstream's Suspended, FailureTarget and SuccessCriteriaMet are not modelled).</summary>
public enum JobConditionType
{
    /// <summary>Enough pods succeeded: the Job is done.</summary>
    Complete,

    /// <summary>The Job gave up (too many failed pods).</summary>
    Failed,
}
