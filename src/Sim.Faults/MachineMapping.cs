namespace Sim.Faults;

/// <summary>
/// How a trace's machines map onto the cluster's nodes. Machines are ranked by id (over every machine
/// the trace names) and nodes by name (ordinal); machine of rank r goes to …
/// </summary>
public enum MachineMapping
{
    /// <summary>… node r mod N: every machine's events are replayed, and a node stands for several machines when the trace has more machines than the cluster has nodes.</summary>
    Fold,

    /// <summary>… node r when r &lt; N; the events of the other machines are dropped, so each node keeps one machine's failure rate.</summary>
    Truncate,
}
