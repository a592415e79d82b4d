namespace Sim.Traces.AlibabaGpu2023;

/// <summary>The phase an openb pod was in when the trace was taken (<c>pod_phase</c>).</summary>
public enum OpenbPodPhase
{
    /// <summary><c>Pending</c>: never scheduled (no scheduled time).</summary>
    Pending,

    /// <summary><c>Running</c>.</summary>
    Running,

    /// <summary><c>Succeeded</c>.</summary>
    Succeeded,

    /// <summary><c>Failed</c>.</summary>
    Failed,
}
