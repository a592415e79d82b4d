namespace Sim.Faults;

/// <summary>
/// How a trace's machines map onto the cluster's nodes: by a node label naming the machine, or by rank —
/// machines ranked by id (over every machine the trace names), nodes by name (ordinal), the machine
/// of rank r going to …
/// </summary>
public enum MachineMapping
{
    /// <summary>… node r mod N: every machine's events are replayed, and a node stands for several machines when the trace has more machines than the cluster has nodes.</summary>
    Fold,

    /// <summary>… node r when r &lt; N; the events of the other machines are dropped, so each node keeps one machine's failure rate.</summary>
    Truncate,

    /// <summary>
    /// The node whose <see cref="ServerEventReplayFault.MachineLabel"/> label is the machine's id (as
    /// the nodes a scenario takes from the same trace carry); machines without such a node are dropped.
    /// </summary>
    Label,
}
