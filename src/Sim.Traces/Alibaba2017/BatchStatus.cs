namespace Sim.Traces.Alibaba2017;

/// <summary>
/// The state of an Alibaba batch task or instance, as cluster-trace-v2017's documentation lists them
/// (task states Ready, Waiting, Running, Terminated, Failed, Cancelled; instances also Interrupted).
/// cluster-trace-v2018's batch tables use the same words.
/// </summary>
public enum BatchStatus
{
    /// <summary><c>Ready</c>.</summary>
    Ready,

    /// <summary><c>Waiting</c>: not initialized yet (a task), or waiting for its dependencies (an instance).</summary>
    Waiting,

    /// <summary><c>Running</c>.</summary>
    Running,

    /// <summary><c>Terminated</c>: all instances are done (a task), or done (an instance).</summary>
    Terminated,

    /// <summary><c>Failed</c>.</summary>
    Failed,

    /// <summary><c>Cancelled</c>.</summary>
    Cancelled,

    /// <summary><c>Interrupted</c>: a backup instance that was stopped.</summary>
    Interrupted,
}
